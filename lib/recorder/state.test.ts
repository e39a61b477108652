import { describe, expect, it } from "vitest";
import { CODE_VALIDITY_MS } from "@/lib/reset-protocol";
import { createRecorderState, LOCKOUT_MS, MAX_CLOCK_OFFSET_MS, MAX_LOCKOUTS, MAX_WRONG_CODES, RecorderConfigError } from "./index";
import { IDENTITY, newRecorder, viaJson } from "./testing/recorder-fixtures";

describe("constants", () => {
  it("are the protocol's numbers", () => {
    expect(CODE_VALIDITY_MS).toBe(86_400_000);
    expect(LOCKOUT_MS).toBe(300_000);
    expect(MAX_WRONG_CODES).toBe(5);
    expect(MAX_LOCKOUTS).toBe(3);
  });
});

describe("createRecorderState", () => {
  it("boots to the login screen with clean counters, as plain JSON data", () => {
    const state = newRecorder();
    expect(state).toEqual({
      identity: IDENTITY,
      clockOffsetMs: 0,
      screen: "login",
      challenge: null,
      wrongCodeCount: 0,
      lockoutCount: 0,
      lockedUntilMs: null,
      adminPassword: "12345",
    });
    viaJson(state);
  });

  it.each([
    ["serial", { serial: "bad serial" }],
    ["model", { model: "" }],
    ["mac", { mac: "a1:b2:c3:d4:e5:f6" }],
    ["firmware", { firmware: "x".repeat(25) }],
    ["keyVersion", { keyVersion: 0 }],
    ["keyVersion", { keyVersion: 256 }],
    ["resetHost", { resetHost: "https://reset.example.com" }],
    ["reservedEmail", { reservedEmail: "  " }],
  ])("refuses a bad %s", (field, change) => {
    expect(() => createRecorderState({ identity: { ...IDENTITY, ...change }, adminPassword: "x" })).toThrow(RecorderConfigError);
    try {
      createRecorderState({ identity: { ...IDENTITY, ...change }, adminPassword: "x" });
    } catch (error) {
      expect((error as RecorderConfigError).field).toBe(field);
    }
  });

  it("refuses a clock offset that is not a bounded integer", () => {
    for (const offset of [0.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_CLOCK_OFFSET_MS + 1]) {
      expect(() => newRecorder(offset)).toThrow(RecorderConfigError);
    }
  });
});
