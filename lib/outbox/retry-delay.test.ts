import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { DEFAULT_OUTBOX_CONFIG, outboxConfig } from "./outbox-config";
import { retryDelay } from "./retry-delay";

const base = { baseMs: 30_000, capMs: 30 * 60_000 };

describe("retryDelay", () => {
  it("doubles the window per attempt up to the cap", () => {
    const top = () => 1 - Number.EPSILON;
    expect(retryDelay({ ...base, attempt: 1, random: top })).toBe(29_999);
    expect(retryDelay({ ...base, attempt: 2, random: top })).toBe(59_999);
    expect(retryDelay({ ...base, attempt: 3, random: top })).toBe(119_999);
    expect(retryDelay({ ...base, attempt: 7, random: top })).toBe(1_799_999);
    expect(retryDelay({ ...base, attempt: 8, random: top })).toBe(1_799_999);
    expect(retryDelay({ ...base, attempt: 1000, random: top })).toBe(1_799_999);
  });

  it("is fully jittered: zero at random 0, half the window at 0.5", () => {
    expect(retryDelay({ ...base, attempt: 4, random: () => 0 })).toBe(0);
    expect(retryDelay({ ...base, attempt: 4, random: () => 0.5 })).toBe(120_000);
  });

  it("always stays within [0, min(cap, base·2^(n−1)))", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const delay = retryDelay({ ...base, attempt, random: () => r });
        const window = Math.min(base.capMs, base.baseMs * 2 ** (attempt - 1));
        return Number.isInteger(delay) && delay >= 0 && delay < window;
      }),
    );
  });

  it("spreads retries: many rows failing together do not retry together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay({ ...base, attempt: 5 })));
    expect(delays.size).toBeGreaterThan(40);
  });
});

describe("outboxConfig", () => {
  it("defaults to base 30 s, cap 30 min, 8 attempts, poll 2 s", () => {
    expect(outboxConfig({})).toEqual(DEFAULT_OUTBOX_CONFIG);
    expect(DEFAULT_OUTBOX_CONFIG).toMatchObject({ backoffBaseMs: 30_000, backoffCapMs: 1_800_000, maxAttempts: 8, pollMs: 2000 });
  });
  it("takes the overrides that are set and keeps the defaults for the rest", () => {
    expect(outboxConfig(parseEnv({ OUTBOX_POLL_MS: "300", OUTBOX_MAX_ATTEMPTS: "3", OUTBOX_LEASE_MS: " " }))).toEqual({
      ...DEFAULT_OUTBOX_CONFIG,
      pollMs: 300,
      maxAttempts: 3,
    });
  });
  it("refuses to start on a value that is not a positive whole number, naming the variable", () => {
    expect(() => parseEnv({ OUTBOX_LEASE_MS: "-5", OUTBOX_BATCH_SIZE: "x" })).toThrow(
      /OUTBOX_BATCH_SIZE must be a whole number[\s\S]*OUTBOX_LEASE_MS must be a whole number/,
    );
  });
});
