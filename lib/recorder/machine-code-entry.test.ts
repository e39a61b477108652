import { describe, expect, it } from "vitest";
import { CODE_VALIDITY_MS } from "@/lib/reset-protocol";
import { formatCode } from "@/lib/reset-protocol";
import { LOCKOUT_MS, MAX_LOCKOUTS, MAX_WRONG_CODES, press, RecorderConfigError } from "./index";
import { OTHER_DEVICE_KEY, T0, VECTOR_1_NONCE, newRecorder, atRetrieve, consoleCode, wrongCodeFor, enter } from "./testing/recorder-fixtures";

describe("entering a code: the right code", () => {
  it.each([
    ["as sent", (code: string) => code],
    ["with the hyphen", (code: string) => formatCode(code)],
    ["with spaces", (code: string) => ` ${code.slice(0, 4)} ${code.slice(4)} `],
  ])("is accepted %s and leads to the new-password screen", (_how, shape) => {
    const state = atRetrieve();
    const result = enter(state, shape(consoleCode(state)));
    expect(result.outcome).toEqual({ kind: "accepted" });
    expect(result.state.screen).toBe("new-password");
    expect(result.state.challenge).toBeNull();
  });

  it("is refused with its case changed", () => {
    // "jAb6LFtn": "A" → "a" stays in the alphabet (so it is a wrong code); "L" → "l" does not.
    const state = atRetrieve({ nonce: VECTOR_1_NONCE });
    expect(enter(state, "jab6LFtn").outcome).toEqual({ kind: "wrong-code", attemptsLeft: 4 });
    expect(enter(state, "jAb6lFtn").outcome).toEqual({ kind: "invalid-input", problem: "character" });
  });

  it("is used up once accepted", () => {
    const state = atRetrieve();
    const code = consoleCode(state);
    const accepted = enter(state, code).state;
    expect(enter(accepted, code).outcome).toEqual({ kind: "no-active-challenge" });
  });

  it("is accepted up to, but not at, 24 hours after t by the recorder clock", () => {
    const state = atRetrieve();
    const code = consoleCode(state);
    expect(enter(state, code, T0 + CODE_VALIDITY_MS - 1).outcome).toEqual({ kind: "accepted" });
    const late = enter(state, code, T0 + CODE_VALIDITY_MS);
    expect(late.outcome).toEqual({ kind: "expired" });
    expect(late.state.screen).toBe("retrieve");
    expect(late.state.wrongCodeCount).toBe(0);
  });

  it("follows the recorder's own clock, wherever it is set", () => {
    const state = atRetrieve();
    const code = consoleCode(state);
    // Two days later in real time, but the recorder clock was set back by a day and a half.
    const setBack = press(state, { type: "set-clock", offsetMs: -36 * 3_600_000 }).state;
    expect(setBack.challenge).toEqual(state.challenge);
    expect(enter(setBack, code, T0 + 48 * 3_600_000).outcome).toEqual({ kind: "accepted" });
    // Moved forward past the window: expired even though little real time passed.
    const forward = press(state, { type: "set-clock", offsetMs: CODE_VALIDITY_MS }).state;
    expect(enter(forward, code, T0 + 1000).outcome).toEqual({ kind: "expired" });
    // Set back to before t: outside "24 hours after t" too.
    const beforeT = press(state, { type: "set-clock", offsetMs: -1000 }).state;
    expect(enter(beforeT, code, T0 + 500).outcome).toEqual({ kind: "expired" });
  });

  it("for a discarded nonce is refused", () => {
    const first = atRetrieve();
    const oldCode = consoleCode(first);
    const left = press(first, { type: "leave-retrieve" }).state;
    expect(enter(left, oldCode).outcome).toEqual({ kind: "no-active-challenge" });
    const second = atRetrieve({ from: left });
    expect(consoleCode(second)).not.toBe(oldCode);
    expect(enter(second, oldCode).outcome).toEqual({ kind: "wrong-code", attemptsLeft: 4 });
    const rebooted = press(first, { type: "reboot" }).state;
    expect(rebooted.challenge).toBeNull();
    expect(enter(rebooted, oldCode).outcome).toEqual({ kind: "no-active-challenge" });
  });

  it("from another device key is a configuration error, not a wrong code", () => {
    const state = atRetrieve();
    expect(() => press(state, { type: "enter-code", now: T0, input: consoleCode(state), deviceKey: () => OTHER_DEVICE_KEY })).toThrow(RecorderConfigError);
  });
});

describe("entering a code: wrong codes and lockouts", () => {
  it("counts down, then locks entry for 5 minutes after the 5th wrong code", () => {
    let state = atRetrieve();
    const wrong = wrongCodeFor(state);
    const now = T0 + 60_000;
    for (let attempt = 1; attempt < MAX_WRONG_CODES; attempt++) {
      const result = enter(state, wrong, now);
      expect(result.outcome).toEqual({ kind: "wrong-code", attemptsLeft: MAX_WRONG_CODES - attempt });
      expect(result.message).toMatch(new RegExp(`${MAX_WRONG_CODES - attempt} attempts? left`));
      state = result.state;
    }
    const locking = enter(state, wrong, now);
    expect(locking.outcome).toEqual({ kind: "locked-out", lockedUntilMs: now + LOCKOUT_MS });
    expect(locking.state).toMatchObject({ screen: "retrieve", wrongCodeCount: 0, lockoutCount: 1, lockedUntilMs: now + LOCKOUT_MS });
    state = locking.state;
    // Locked: even the right code is not looked at, and nothing is counted.
    const locked = enter(state, consoleCode(state), now + LOCKOUT_MS - 1);
    expect(locked.outcome).toEqual({ kind: "locked", lockedUntilMs: now + LOCKOUT_MS });
    expect(locked.state).toBe(state);
    expect(locked.message).toMatch(/Try again in 1 minute\./);
    expect(enter(state, wrong, now + 1).message).toMatch(/Try again in 5 minutes\./);
    // The lockout ends after exactly 5 minutes; the right code then works.
    expect(enter(state, consoleCode(state), now + LOCKOUT_MS).outcome).toEqual({ kind: "accepted" });
  });

  it("gives 5 fresh attempts after a lockout, and discards the nonce at the 3rd lockout", () => {
    let state = atRetrieve();
    const wrong = wrongCodeFor(state);
    const code = consoleCode(state);
    let now = T0 + 60_000;
    for (let lockout = 1; lockout <= MAX_LOCKOUTS; lockout++) {
      for (let attempt = 1; attempt <= MAX_WRONG_CODES; attempt++) {
        const result = enter(state, wrong, now);
        state = result.state;
        if (attempt < MAX_WRONG_CODES) expect(result.outcome.kind).toBe("wrong-code");
        else expect(result.outcome.kind).toBe(lockout < MAX_LOCKOUTS ? "locked-out" : "challenge-discarded");
      }
      now += LOCKOUT_MS;
    }
    expect(state).toMatchObject({ screen: "forgot", challenge: null, lockoutCount: MAX_LOCKOUTS });
    expect(enter(state, code, now).outcome).toEqual({ kind: "no-active-challenge" });
  });

  it("keeps the lockout running across a new challenge and a reboot", () => {
    let state = atRetrieve();
    const wrong = wrongCodeFor(state);
    const now = T0 + 60_000;
    for (let index = 0; index < MAX_WRONG_CODES * MAX_LOCKOUTS; index++) {
      state = enter(state, wrong, now + Math.floor(index / MAX_WRONG_CODES) * LOCKOUT_MS).state;
    }
    const lockedUntil = state.lockedUntilMs!;
    expect(lockedUntil).toBe(now + 2 * LOCKOUT_MS + LOCKOUT_MS);
    const fresh = atRetrieve({ from: press(state, { type: "return-to-login" }).state, now: lockedUntil - 1000 });
    expect(fresh).toMatchObject({ wrongCodeCount: 0, lockoutCount: 0, lockedUntilMs: lockedUntil });
    expect(enter(fresh, consoleCode(fresh), lockedUntil - 1).outcome.kind).toBe("locked");
    const rebooted = press(fresh, { type: "reboot" }).state;
    expect(rebooted.lockedUntilMs).toBe(lockedUntil);
    const again = atRetrieve({ from: rebooted, now: lockedUntil - 500 });
    expect(enter(again, consoleCode(again), lockedUntil - 1).outcome.kind).toBe("locked");
    const unlocked = enter(again, consoleCode(again), lockedUntil);
    expect(unlocked.outcome.kind).toBe("accepted");
    expect(unlocked.state.lockedUntilMs).toBeNull();
  });

  it("does not count input that cannot be a code", () => {
    const state = atRetrieve();
    for (const [input, problem] of [
      ["", "empty"],
      ["  -  ", "empty"],
      ["abc", "character"],
      ["2345", "length"],
      ["234567892", "length"],
      ["0OIl1234", "character"],
    ] as const) {
      const result = enter(state, input);
      expect(result.outcome).toEqual({ kind: "invalid-input", problem });
      expect(result.state.wrongCodeCount).toBe(0);
    }
  });

  it("refuses codes on every screen but Retrieve Password", () => {
    const code = consoleCode(atRetrieve());
    for (const state of [newRecorder(), press(newRecorder(), { type: "forgot-password" }).state]) {
      expect(enter(state, code).outcome).toEqual({ kind: "no-active-challenge" });
    }
  });
});
