import { describe, expect, it } from "vitest";
import { CODE_VALIDITY_MS } from "@/lib/reset-protocol";
import { rp1Scheme } from "@/lib/reset-protocol";
import {
  createRecorderState,
  leaveRetrieveScreen,
  LOCKOUT_MS,
  MAX_CLOCK_OFFSET_MS,
  MAX_LOCKOUTS,
  MAX_WRONG_CODES,
  openForgotPassword,
  RecorderConfigError,
  submitResetEmail,
} from "./index";
import { KEYS, IDENTITY, DEVICE_KEY, T0, freshNonce, VECTOR_1_NONCE, newRecorder, viaJson, atRetrieve, consoleCode } from "./testing/recorder-fixtures";

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

describe("openForgotPassword and submitResetEmail", () => {
  it("asks for the email, then refuses one that is not the reserved email", () => {
    const forgot = openForgotPassword(newRecorder());
    expect(forgot.state.screen).toBe("forgot");
    for (const email of ["someone@example.com", "", "owner@example.co", "owner@example.com.", "o wner@example.com"]) {
      const result = submitResetEmail({ state: forgot.state, now: T0, email, deviceKey: DEVICE_KEY, nonceBytes: freshNonce() });
      expect(result.outcome).toEqual({ kind: "email-mismatch" });
      expect(result.state).toBe(forgot.state);
      expect(result.message).toMatch(/does not match the reserved email/);
    }
  });

  it.each(["Owner@Example.com", "owner@example.com", "  OWNER@EXAMPLE.COM\t", "\u00A0owner@Example.com\n"])(
    "accepts %j as the reserved email (lower(trim))",
    (email) => {
      const forgot = openForgotPassword(newRecorder()).state;
      const result = submitResetEmail({ state: forgot, now: T0, email, deviceKey: DEVICE_KEY, nonceBytes: freshNonce() });
      expect(result.outcome).toEqual({ kind: "challenge-shown" });
      expect(result.state.screen).toBe("retrieve");
    },
  );

  it("shows the normative vector's QR when given its time and nonce", () => {
    const state = atRetrieve({ nonce: VECTOR_1_NONCE });
    expect(state.challenge?.url).toBe(
      "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g",
    );
    expect(state.challenge?.t).toBe(1763726400);
    expect(state.challenge?.nonce).toBe("ZGVmZ2hpamtsbW5v");
    expect(consoleCode(state)).toBe("jAb6LFtn");
  });

  it("stamps t from the recorder's clock, not real time", () => {
    const state = atRetrieve({ now: T0 + 999, offset: -3_600_000 });
    expect(state.challenge?.t).toBe(1763726400 - 3600);
  });

  it("makes a new nonce each time, and the email hash lets support check the reserved email", () => {
    const first = atRetrieve();
    const second = atRetrieve({ from: leaveRetrieveScreen({ state: first }).state });
    expect(first.challenge?.nonce).not.toBe(second.challenge?.nonce);
    const parsed = rp1Scheme.parse(second.challenge!.url);
    if (!parsed.ok) throw parsed.error;
    expect(rp1Scheme.verifyEmail({ challenge: parsed.challenge, keys: KEYS, email: "owner@example.com" })).toEqual({ ok: true, matches: true });
  });

  it("refuses to make a challenge when the recorder clock is outside 1970..2106", () => {
    for (const offset of [-T0 - 1000, 4294967296 * 1000 - T0]) {
      const forgot = openForgotPassword(newRecorder(offset)).state;
      const result = submitResetEmail({ state: forgot, now: T0, email: IDENTITY.reservedEmail, deviceKey: DEVICE_KEY, nonceBytes: freshNonce() });
      expect(result.outcome).toEqual({ kind: "clock-error" });
      expect(result.state.screen).toBe("forgot");
    }
  });

  it("are only available on their screens", () => {
    expect(openForgotPassword(atRetrieve()).outcome).toEqual({ kind: "wrong-screen", screen: "retrieve" });
    const result = submitResetEmail({ state: newRecorder(), now: T0, email: IDENTITY.reservedEmail, deviceKey: DEVICE_KEY, nonceBytes: freshNonce() });
    expect(result.outcome).toEqual({ kind: "wrong-screen", screen: "login" });
  });

  it("refuse a nonce that is not 12 bytes and a non-integer clock", () => {
    const forgot = openForgotPassword(newRecorder()).state;
    expect(() => submitResetEmail({ state: forgot, now: T0, email: IDENTITY.reservedEmail, deviceKey: DEVICE_KEY, nonceBytes: new Uint8Array(8) })).toThrow(
      RangeError,
    );
    expect(() => submitResetEmail({ state: forgot, now: Number.NaN, email: IDENTITY.reservedEmail, deviceKey: DEVICE_KEY, nonceBytes: freshNonce() })).toThrow(
      TypeError,
    );
  });
});
