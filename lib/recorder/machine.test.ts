import { describe, expect, it } from "vitest";
import { rp1Scheme } from "@/lib/reset-protocol";
import { MAX_CLOCK_OFFSET_MS, offeredActions, press, type RecorderAction, type RecorderActionType, type RecorderScreen, type RecorderState } from "./index";
import { atRetrieve, consoleCode, DEVICE_KEY, enter, freshNonce, IDENTITY, KEYS, newRecorder, T0, VECTOR_1_NONCE } from "./testing/recorder-fixtures";

describe("forgot-password and submit-email", () => {
  it("asks for the email, then refuses one that is not the reserved email", () => {
    const forgot = press(newRecorder(), { type: "forgot-password" });
    expect(forgot.state.screen).toBe("forgot");
    for (const email of ["someone@example.com", "", "owner@example.co", "owner@example.com.", "o wner@example.com"]) {
      const result = press(forgot.state, { type: "submit-email", now: T0, email, deviceKey: () => DEVICE_KEY, nonceBytes: freshNonce() });
      expect(result.outcome).toEqual({ kind: "email-mismatch" });
      expect(result.state).toBe(forgot.state);
      expect(result.message).toMatch(/does not match the reserved email/);
    }
  });

  it.each(["Owner@Example.com", "owner@example.com", "  OWNER@EXAMPLE.COM\t", "\u00A0owner@Example.com\n"])(
    "accepts %j as the reserved email (lower(trim))",
    (email) => {
      const forgot = press(newRecorder(), { type: "forgot-password" }).state;
      const result = press(forgot, { type: "submit-email", now: T0, email, deviceKey: () => DEVICE_KEY, nonceBytes: freshNonce() });
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
    const second = atRetrieve({ from: press(first, { type: "leave-retrieve" }).state });
    expect(first.challenge?.nonce).not.toBe(second.challenge?.nonce);
    const parsed = rp1Scheme.parse(second.challenge!.url);
    if (!parsed.ok) throw parsed.error;
    expect(rp1Scheme.verifyEmail({ challenge: parsed.challenge, keys: KEYS, email: "owner@example.com" })).toEqual({ ok: true, matches: true });
  });

  it("refuses to make a challenge when the recorder clock is outside 1970..2106", () => {
    for (const offset of [-T0 - 1000, 4294967296 * 1000 - T0]) {
      const forgot = press(newRecorder(offset), { type: "forgot-password" }).state;
      const result = press(forgot, { type: "submit-email", now: T0, email: IDENTITY.reservedEmail, deviceKey: () => DEVICE_KEY, nonceBytes: freshNonce() });
      expect(result.outcome).toEqual({ kind: "clock-error" });
      expect(result.state.screen).toBe("forgot");
    }
  });

  it("are only available on their screens", () => {
    expect(press(atRetrieve(), { type: "forgot-password" }).outcome).toEqual({ kind: "wrong-screen", screen: "retrieve" });
    const result = press(newRecorder(), {
      type: "submit-email",
      now: T0,
      email: IDENTITY.reservedEmail,
      deviceKey: () => DEVICE_KEY,
      nonceBytes: freshNonce(),
    });
    expect(result.outcome).toEqual({ kind: "wrong-screen", screen: "login" });
  });

  it("refuse a nonce that is not 12 bytes and a non-integer clock", () => {
    const forgot = press(newRecorder(), { type: "forgot-password" }).state;
    expect(() =>
      press(forgot, { type: "submit-email", now: T0, email: IDENTITY.reservedEmail, deviceKey: () => DEVICE_KEY, nonceBytes: new Uint8Array(8) }),
    ).toThrow(RangeError);
    expect(() =>
      press(forgot, { type: "submit-email", now: Number.NaN, email: IDENTITY.reservedEmail, deviceKey: () => DEVICE_KEY, nonceBytes: freshNonce() }),
    ).toThrow(TypeError);
  });
});

describe("leaving, rebooting and the clock", () => {
  it("leave-retrieve discards the nonce and goes to login or back to the email", () => {
    const state = atRetrieve();
    expect(press(state, { type: "leave-retrieve" }).state).toMatchObject({ screen: "login", challenge: null });
    expect(press(state, { type: "leave-retrieve", to: "forgot" }).state).toMatchObject({ screen: "forgot", challenge: null });
    expect(press(newRecorder(), { type: "leave-retrieve" }).outcome).toEqual({ kind: "wrong-screen", screen: "login" });
  });

  it("reboot keeps the clock offset and the password", () => {
    const state = press(atRetrieve(), { type: "set-clock", offsetMs: 42_000 }).state;
    const rebooted = press(state, { type: "reboot" });
    expect(rebooted.outcome).toEqual({ kind: "rebooted" });
    expect(rebooted.state).toMatchObject({ screen: "login", challenge: null, clockOffsetMs: 42_000, adminPassword: "12345" });
  });

  it("set-clock refuses offsets that are not bounded integers", () => {
    const state = newRecorder();
    for (const offsetMs of [0.5, Number.NaN, Number.NEGATIVE_INFINITY, MAX_CLOCK_OFFSET_MS + 1, -MAX_CLOCK_OFFSET_MS - 1]) {
      const result = press(state, { type: "set-clock", offsetMs });
      expect(result.outcome).toEqual({ kind: "invalid-offset" });
      expect(result.state).toBe(state);
    }
    expect(press(state, { type: "set-clock", offsetMs: -MAX_CLOCK_OFFSET_MS }).state.clockOffsetMs).toBe(-MAX_CLOCK_OFFSET_MS);
  });
});

describe("new password and sync", () => {
  const atNewPassword = () => {
    const state = atRetrieve();
    return enter(state, consoleCode(state)).state;
  };

  it.each([
    ["Abcdefg1", []],
    ["a1" + "x".repeat(30), []],
    ["1234567a", []],
    ["pass word 12", []],
    ["Ünïcödé1x", []],
    ["Abcdef1", ["too-short"]],
    ["a1" + "x".repeat(31), ["too-long"]],
    ["12345678", ["no-letter"]],
    ["abcdefgh", ["no-digit"]],
    ["", ["too-short", "no-letter", "no-digit"]],
    ["abcd1234'", ["forbidden-character"]],
    ['abcd1234"', ["forbidden-character"]],
    ["abcd;1234", ["forbidden-character"]],
    ["abcd:1234", ["forbidden-character"]],
    ["abcd&1234", ["forbidden-character"]],
    ["ab1\u{1F600}\u{1F600}\u{1F600}\u{1F600}", ["too-short"]],
  ] as const)("%j → %j", (password, problems) => {
    const state = atNewPassword();
    const result = press(state, { type: "set-password", password, confirmation: password });
    if (problems.length === 0) {
      expect(result.outcome).toEqual({ kind: "password-set" });
      expect(result.state).toMatchObject({ screen: "sync-prompt", adminPassword: password });
    } else {
      expect(result.outcome).toEqual({ kind: "rejected", problems });
      expect(result.state).toBe(state);
    }
  });

  it("requires the confirmation to match", () => {
    const result = press(atNewPassword(), { type: "set-password", password: "Abcdefg1", confirmation: "Abcdefg2" });
    expect(result.outcome).toEqual({ kind: "rejected", problems: ["mismatch"] });
    expect(result.message).toMatch(/same password/);
    expect(result.message).not.toContain("Abcdefg");
  });

  it("is only available after a correct code", () => {
    for (const state of [newRecorder(), atRetrieve()]) {
      expect(press(state, { type: "set-password", password: "Abcdefg1", confirmation: "Abcdefg1" }).outcome.kind).toBe("wrong-screen");
    }
  });

  it("then offers to sync: yes → synced, no → success; then back to login with the new password", () => {
    const prompt = press(atNewPassword(), { type: "set-password", password: "NewPass123", confirmation: "NewPass123" }).state;
    const synced = press(prompt, { type: "answer-sync", sync: true });
    expect(synced.outcome).toEqual({ kind: "synced" });
    expect(synced.state.screen).toBe("synced");
    const skipped = press(prompt, { type: "answer-sync", sync: false });
    expect(skipped.outcome).toEqual({ kind: "not-synced" });
    expect(skipped.state.screen).toBe("success");
    expect(press(newRecorder(), { type: "answer-sync", sync: true }).outcome.kind).toBe("wrong-screen");
    const login = press(synced.state, { type: "return-to-login" }).state;
    expect(press(login, { type: "log-in", password: "NewPass123" }).outcome).toEqual({ kind: "logged-in" });
    expect(press(login, { type: "log-in", password: "12345" }).outcome).toEqual({ kind: "wrong-password" });
    expect(press(prompt, { type: "log-in", password: "NewPass123" }).outcome.kind).toBe("wrong-screen");
  });
});

describe("the screen × action table", () => {
  const atNewPassword = () => {
    const state = atRetrieve();
    return enter(state, consoleCode(state)).state;
  };
  const atSyncPrompt = () => press(atNewPassword(), { type: "set-password", password: "NewPass123", confirmation: "NewPass123" }).state;
  const screens: Record<RecorderScreen, () => RecorderState> = {
    login: () => newRecorder(),
    forgot: () => press(newRecorder(), { type: "forgot-password" }).state,
    retrieve: () => atRetrieve(),
    "new-password": atNewPassword,
    "sync-prompt": atSyncPrompt,
    synced: () => press(atSyncPrompt(), { type: "answer-sync", sync: true }).state,
    success: () => press(atSyncPrompt(), { type: "answer-sync", sync: false }).state,
  };
  const noKey = (): Uint8Array => {
    throw new Error("a refused action must not need the device key");
  };
  const everyAction: readonly RecorderAction[] = [
    { type: "log-in", password: "12345" },
    { type: "forgot-password" },
    { type: "submit-email", email: IDENTITY.reservedEmail, now: T0, deviceKey: noKey, nonceBytes: freshNonce() },
    { type: "enter-code", input: "22222222", now: T0, deviceKey: noKey },
    { type: "leave-retrieve" },
    { type: "set-password", password: "Abcdefg1", confirmation: "Abcdefg1" },
    { type: "answer-sync", sync: true },
    { type: "return-to-login" },
    { type: "reboot" },
    { type: "set-clock", offsetMs: 0 },
  ];
  const everywhere: RecorderActionType[] = ["reboot", "return-to-login", "set-clock"];

  it.each([
    ["login", ["log-in", "forgot-password"]],
    ["forgot", ["submit-email"]],
    ["retrieve", ["enter-code", "leave-retrieve"]],
    ["new-password", ["set-password"]],
    ["sync-prompt", ["answer-sync"]],
    ["synced", []],
    ["success", []],
  ] as const)("%s offers %j besides reboot, return-to-login and set-clock", (screen, own) => {
    expect(screens[screen]().screen).toBe(screen);
    expect(offeredActions(screen).sort()).toEqual([...own, ...everywhere].sort());
  });

  it.each(Object.keys(screens) as RecorderScreen[])("%s refuses every other action the same way, unchanged and without the key", (screen) => {
    const state = screens[screen]();
    const refused = everyAction.filter((action) => !offeredActions(screen).includes(action.type));
    expect(refused.length).toBe(everyAction.length - offeredActions(screen).length);
    for (const action of refused) {
      const result = press(state, action);
      expect(result.state).toBe(state);
      expect(result.outcome).toEqual(action.type === "enter-code" ? { kind: "no-active-challenge" } : { kind: "wrong-screen", screen });
    }
  });

  it("refuses everything on a screen it does not know (a tampered or outdated state)", () => {
    const state = { ...newRecorder(), screen: "factory-menu" as RecorderScreen };
    expect(press(state, { type: "reboot" }).outcome).toEqual({ kind: "wrong-screen", screen: "factory-menu" });
    expect(press(state, { type: "enter-code", input: "22222222", now: T0, deviceKey: noKey }).outcome).toEqual({ kind: "no-active-challenge" });
  });
});
