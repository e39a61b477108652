import { describe, expect, it } from "vitest";
import { LOCKOUT_MS, MAX_WRONG_CODES } from "@/lib/recorder";
import { CODE_VALIDITY_MS } from "@/lib/reset-protocol";
import { consoleCode, DEVICE_KEY, freshNonce, newRecorder, T0, wrongCodeFor } from "@/lib/recorder/testing/recorder-fixtures";
import { applySimulatorStep } from "./apply-simulator-step";
import { HOUR_MS } from "./constants";
import type { SimulatorEnvelope, SimulatorStep } from "./types";

const start = (): SimulatorEnvelope => ({ state: newRecorder(), source: "bench", notice: null });

function press(envelope: SimulatorEnvelope, step: SimulatorStep, now = T0) {
  const applied = applySimulatorStep({ envelope, step, now, nonceBytes: freshNonce(), deviceKey: () => DEVICE_KEY });
  // Like the cookie round trip.
  return { ...applied, envelope: JSON.parse(JSON.stringify(applied.envelope)) as SimulatorEnvelope };
}

function atRetrieve(now = T0) {
  const forgot = press(start(), { op: "forgot-password" }).envelope;
  const shown = press(forgot, { op: "submit-email", email: " owner@example.COM " }, now);
  expect(shown.outcome).toBe("challenge-shown");
  expect(shown.challengeCreated).toBe(true);
  return shown.envelope;
}

describe("applySimulatorStep", () => {
  it("plays the whole reset: code accepted, password set, cameras synced, new password logs in", () => {
    const retrieve = atRetrieve();
    const code = consoleCode(retrieve.state);
    const accepted = press(retrieve, { op: "enter-code", code: `${code.slice(0, 4)}-${code.slice(4)}` }, T0 + 60_000);
    expect(accepted.outcome).toBe("accepted");
    expect(accepted.envelope.notice).toEqual({ text: "Security code verified. Set a new admin password.", tone: "success" });
    const set = press(accepted.envelope, { op: "set-password", password: "NewPass123", confirmation: "NewPass123" });
    expect(set.envelope.state.screen).toBe("sync-prompt");
    const synced = press(set.envelope, { op: "answer-sync", sync: true });
    expect(synced.envelope.state.screen).toBe("synced");
    const login = press(synced.envelope, { op: "return-to-login" });
    expect(login.envelope.notice).toBeNull();
    expect(press(login.envelope, { op: "log-in", password: "NewPass123" }).outcome).toBe("logged-in");
  });

  it("refuses a wrong reserved email in the recorder's words, without making a challenge", () => {
    const forgot = press(start(), { op: "forgot-password" }).envelope;
    const refused = press(forgot, { op: "submit-email", email: "someone@else.example" });
    expect(refused.outcome).toBe("email-mismatch");
    expect(refused.challengeCreated).toBe(false);
    expect(refused.envelope.notice?.tone).toBe("error");
    expect(refused.envelope.state.challenge).toBeNull();
  });

  it("locks after five wrong codes and keeps refusing while locked", () => {
    let envelope = atRetrieve();
    const wrong = wrongCodeFor(envelope.state);
    for (let attempt = 1; attempt < MAX_WRONG_CODES; attempt++) envelope = press(envelope, { op: "enter-code", code: wrong }).envelope;
    const locked = press(envelope, { op: "enter-code", code: wrong }, T0 + 1000);
    expect(locked.outcome).toBe("locked-out");
    expect(locked.envelope.state.lockedUntilMs).toBe(T0 + 1000 + LOCKOUT_MS);
    const right = consoleCode(locked.envelope.state);
    expect(press(locked.envelope, { op: "enter-code", code: right }, T0 + 2000).outcome).toBe("locked");
    expect(press(locked.envelope, { op: "enter-code", code: right }, T0 + 1000 + LOCKOUT_MS).outcome).toBe("accepted");
  });

  it("refuses a correct code once the recorder clock is 24 h past the challenge", () => {
    const retrieve = atRetrieve();
    const code = consoleCode(retrieve.state);
    const moved = press(retrieve, { op: "set-clock", offsetHours: CODE_VALIDITY_MS / HOUR_MS });
    expect(moved.envelope.state.clockOffsetMs).toBe(CODE_VALIDITY_MS);
    expect(moved.envelope.state.challenge).not.toBeNull();
    expect(press(moved.envelope, { op: "enter-code", code }).outcome).toBe("expired");
  });

  it("reboot discards the nonce: the old code is refused against the next challenge", () => {
    const first = atRetrieve();
    const oldCode = consoleCode(first.state);
    const rebooted = press(first, { op: "reboot" });
    expect(rebooted.envelope.state.challenge).toBeNull();
    expect(press(rebooted.envelope, { op: "enter-code", code: oldCode }).outcome).toBe("no-active-challenge");
    const forgot = press(rebooted.envelope, { op: "forgot-password" }).envelope;
    const second = press(forgot, { op: "submit-email", email: "owner@example.com" }).envelope;
    expect(second.state.challenge?.nonce).not.toBe(first.state.challenge?.nonce);
    expect(press(second, { op: "enter-code", code: oldCode }).outcome).toBe("wrong-code");
  });

  it("leaving the Retrieve Password screen discards the nonce", () => {
    const left = press(atRetrieve(), { op: "leave-retrieve", to: "forgot" });
    expect(left.envelope.state.screen).toBe("forgot");
    expect(left.envelope.state.challenge).toBeNull();
  });

  it("does not ask for the device key when the step does not need one", () => {
    const noKey = () => {
      throw new Error("device key requested");
    };
    const envelope = start();
    for (const step of [{ op: "forgot-password" }, { op: "reboot" }, { op: "set-clock", offsetHours: 3 }, { op: "enter-code", code: "2222-2222" }] as const) {
      expect(() => applySimulatorStep({ envelope, step, now: T0, nonceBytes: freshNonce(), deviceKey: noKey })).not.toThrow();
    }
  });

  it("answers a button the screen does not have with the recorder's refusal", () => {
    const result = press(start(), { op: "answer-sync", sync: true });
    expect(result.outcome).toBe("wrong-screen");
    expect(result.envelope.state.screen).toBe("login");
    expect(result.envelope.notice?.tone).toBe("error");
  });

  it("never puts the code or the admin password in a notice", () => {
    const retrieve = atRetrieve();
    const code = consoleCode(retrieve.state);
    const results = [
      press(retrieve, { op: "enter-code", code: wrongCodeFor(retrieve.state) }),
      press(retrieve, { op: "enter-code", code }),
      press(start(), { op: "log-in", password: "guess" }),
    ];
    for (const { envelope } of results) {
      expect(envelope.notice?.text ?? "").not.toContain(code);
      expect(envelope.notice?.text ?? "").not.toContain(retrieve.state.adminPassword);
    }
  });
});
