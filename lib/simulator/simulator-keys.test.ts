import { afterEach, describe, expect, it, vi } from "vitest";
import { simulatorKeys } from "./simulator-keys";

const PRODUCTION = "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const SIMULATOR = "3:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";
const bytes = (ring: ReturnType<typeof simulatorKeys>) => ring.versions.map((v) => Buffer.from(ring.get(v)!).toString("hex"));

describe("simulatorKeys", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("never reads the production master keys: unset, a demo-only key derived from the session secret", () => {
    vi.stubEnv("RESET_MASTER_KEYS", PRODUCTION);
    vi.stubEnv("NEXTAUTH_SECRET", "simulator-keys-test-secret-0123456789abc");
    vi.stubEnv("SIMULATOR_MASTER_KEYS", "");
    const ring = simulatorKeys();
    expect(ring.versions).toEqual([1]);
    expect(bytes(ring)).not.toContain(PRODUCTION.slice(2));
    expect(bytes(ring)[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("uses SIMULATOR_MASTER_KEYS when set", () => {
    vi.stubEnv("RESET_MASTER_KEYS", PRODUCTION);
    vi.stubEnv("SIMULATOR_MASTER_KEYS", SIMULATOR);
    vi.stubEnv("SIMULATOR_MASTER_KEY_CURRENT", "3");
    const ring = simulatorKeys();
    expect(ring.current).toBe(3);
    expect(bytes(ring)).toEqual([SIMULATOR.slice(2)]);
  });
});
