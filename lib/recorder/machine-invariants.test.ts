import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CODE_VALIDITY_MS } from "@/lib/reset-protocol";
import { LOCKOUT_MS, MAX_LOCKOUTS, MAX_WRONG_CODES, press, type RecorderScreen } from "./index";
import { IDENTITY, DEVICE_KEY, T0, freshNonce, newRecorder, viaJson, consoleCode, wrongCodeFor } from "./testing/recorder-fixtures";

describe("the whole machine", () => {
  type Action =
    | { type: "open" }
    | { type: "email"; right: boolean }
    | { type: "code"; kind: "right" | "wrong" | "junk" }
    | { type: "leave" }
    | { type: "reboot" }
    | { type: "clock"; offsetMs: number }
    | { type: "password"; good: boolean }
    | { type: "sync"; sync: boolean }
    | { type: "login" }
    | { type: "wait"; ms: number };

  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.constant({ type: "open" as const }),
    fc.record({ type: fc.constant("email" as const), right: fc.boolean() }),
    fc.record({ type: fc.constant("code" as const), kind: fc.constantFrom("right" as const, "wrong" as const, "junk" as const) }),
    fc.record({ type: fc.constant("code" as const), kind: fc.constant("wrong" as const) }),
    fc.constant({ type: "leave" as const }),
    fc.constant({ type: "reboot" as const }),
    fc.record({ type: fc.constant("clock" as const), offsetMs: fc.integer({ min: -2 * CODE_VALIDITY_MS, max: 2 * CODE_VALIDITY_MS }) }),
    fc.record({ type: fc.constant("password" as const), good: fc.boolean() }),
    fc.record({ type: fc.constant("sync" as const), sync: fc.boolean() }),
    fc.constant({ type: "login" as const }),
    fc.record({ type: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 10 * 60_000 }) }),
  );

  it("keeps its invariants under any sequence of actions", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
        let state = newRecorder();
        let now = T0;
        for (const step of actions) {
          const before = state;
          switch (step.type) {
            case "open":
              state = press(state, { type: "forgot-password" }).state;
              break;
            case "email":
              state = press(state, {
                type: "submit-email",
                now,
                email: step.right ? IDENTITY.reservedEmail : "x@y.z",
                deviceKey: () => DEVICE_KEY,
                nonceBytes: freshNonce(),
              }).state;
              break;
            case "code": {
              const input = step.kind === "junk" ? "nope" : state.challenge ? (step.kind === "right" ? consoleCode(state) : wrongCodeFor(state)) : "22222222";
              const result = press(state, { type: "enter-code", now, input, deviceKey: () => DEVICE_KEY });
              state = result.state;
              const kind = result.outcome.kind;
              if (kind === "accepted") expect(before.screen).toBe("retrieve");
              if (kind === "accepted") expect(step.kind).toBe("right");
              break;
            }
            case "leave":
              state = press(state, { type: "leave-retrieve" }).state;
              break;
            case "reboot":
              state = press(state, { type: "reboot" }).state;
              break;
            case "clock":
              state = press(state, { type: "set-clock", offsetMs: step.offsetMs }).state;
              break;
            case "password": {
              const password = step.good ? "Passw0rdOK" : "short";
              state = press(state, { type: "set-password", password, confirmation: password }).state;
              break;
            }
            case "sync":
              state = press(state, { type: "answer-sync", sync: step.sync }).state;
              break;
            case "login":
              state = press(state, { type: "return-to-login" }).state;
              break;
            case "wait":
              now += step.ms;
              break;
          }
          expect(state.challenge !== null).toBe(state.screen === "retrieve");
          expect(state.wrongCodeCount).toBeGreaterThanOrEqual(0);
          expect(state.wrongCodeCount).toBeLessThan(MAX_WRONG_CODES);
          expect(state.lockoutCount).toBeLessThanOrEqual(MAX_LOCKOUTS);
          expect(["login", "forgot", "retrieve", "new-password", "success", "sync-prompt", "synced"] satisfies RecorderScreen[]).toContain(state.screen);
          if (state.lockedUntilMs !== null) expect(state.lockedUntilMs).toBeLessThanOrEqual(now + LOCKOUT_MS);
          state = viaJson(state);
        }
      }),
      { numRuns: 300 },
    );
  });
});
