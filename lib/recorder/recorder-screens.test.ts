import { describe, expect, it } from "vitest";
import { answerSyncPrompt, leaveRetrieveScreen, logIn, MAX_CLOCK_OFFSET_MS, reboot, returnToLogin, setClockOffset, setNewPassword } from "./index";
import { newRecorder, atRetrieve, consoleCode, enter } from "./testing/recorder-fixtures";

describe("leaving, rebooting and the clock", () => {
  it("leaveRetrieveScreen discards the nonce and goes to login or back to the email", () => {
    const state = atRetrieve();
    expect(leaveRetrieveScreen({ state }).state).toMatchObject({ screen: "login", challenge: null });
    expect(leaveRetrieveScreen({ state, to: "forgot" }).state).toMatchObject({ screen: "forgot", challenge: null });
    expect(leaveRetrieveScreen({ state: newRecorder() }).outcome).toEqual({ kind: "wrong-screen", screen: "login" });
  });

  it("reboot keeps the clock offset and the password", () => {
    const state = setClockOffset({ state: atRetrieve(), offsetMs: 42_000 }).state;
    const rebooted = reboot(state);
    expect(rebooted.outcome).toEqual({ kind: "rebooted" });
    expect(rebooted.state).toMatchObject({ screen: "login", challenge: null, clockOffsetMs: 42_000, adminPassword: "12345" });
  });

  it("setClockOffset refuses offsets that are not bounded integers", () => {
    const state = newRecorder();
    for (const offsetMs of [0.5, Number.NaN, Number.NEGATIVE_INFINITY, MAX_CLOCK_OFFSET_MS + 1, -MAX_CLOCK_OFFSET_MS - 1]) {
      const result = setClockOffset({ state, offsetMs });
      expect(result.outcome).toEqual({ kind: "invalid-offset" });
      expect(result.state).toBe(state);
    }
    expect(setClockOffset({ state, offsetMs: -MAX_CLOCK_OFFSET_MS }).state.clockOffsetMs).toBe(-MAX_CLOCK_OFFSET_MS);
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
    const result = setNewPassword({ state, password, confirmation: password });
    if (problems.length === 0) {
      expect(result.outcome).toEqual({ kind: "password-set" });
      expect(result.state).toMatchObject({ screen: "sync-prompt", adminPassword: password });
    } else {
      expect(result.outcome).toEqual({ kind: "rejected", problems });
      expect(result.state).toBe(state);
    }
  });

  it("requires the confirmation to match", () => {
    const result = setNewPassword({ state: atNewPassword(), password: "Abcdefg1", confirmation: "Abcdefg2" });
    expect(result.outcome).toEqual({ kind: "rejected", problems: ["mismatch"] });
    expect(result.message).toMatch(/same password/);
    expect(result.message).not.toContain("Abcdefg");
  });

  it("is only available after a correct code", () => {
    for (const state of [newRecorder(), atRetrieve()]) {
      expect(setNewPassword({ state, password: "Abcdefg1", confirmation: "Abcdefg1" }).outcome.kind).toBe("wrong-screen");
    }
  });

  it("then offers to sync: yes → synced, no → success; then back to login with the new password", () => {
    const prompt = setNewPassword({ state: atNewPassword(), password: "NewPass123", confirmation: "NewPass123" }).state;
    const synced = answerSyncPrompt({ state: prompt, sync: true });
    expect(synced.outcome).toEqual({ kind: "synced" });
    expect(synced.state.screen).toBe("synced");
    const skipped = answerSyncPrompt({ state: prompt, sync: false });
    expect(skipped.outcome).toEqual({ kind: "not-synced" });
    expect(skipped.state.screen).toBe("success");
    expect(answerSyncPrompt({ state: newRecorder(), sync: true }).outcome.kind).toBe("wrong-screen");
    const login = returnToLogin(synced.state).state;
    expect(logIn({ state: login, password: "NewPass123" }).outcome).toEqual({ kind: "logged-in" });
    expect(logIn({ state: login, password: "12345" }).outcome).toEqual({ kind: "wrong-password" });
    expect(logIn({ state: prompt, password: "NewPass123" }).outcome.kind).toBe("wrong-screen");
  });
});
