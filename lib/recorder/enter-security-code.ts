// The owner types the security code on the Retrieve Password screen. The recorder accepts it
// iff its nonce is still active, the code is within 24 h of `t` by the recorder's own clock,
// entry is not locked, and it is the code for this challenge (case-sensitive).
import { CODE_VALIDITY_MS, codesEqual, deriveCode, normalizeCodeInput, verifyTag, type CodeInputProblem } from "@/lib/reset-protocol";
import { LOCKOUT_MS, MAX_LOCKOUTS, MAX_WRONG_CODES } from "./constants";
import { RecorderConfigError } from "./recorder-config-error";
import { recorderNow } from "./recorder-now";
import type { RecorderResult, RecorderState } from "./types";

export interface EnterSecurityCodeOptions {
  readonly state: RecorderState;
  /** Real time in ms. */
  readonly now: number;
  /** What the owner typed; hyphens and spaces are ignored, case is not. */
  readonly input: string;
  readonly deviceKey: Uint8Array;
}

export type EnterSecurityCodeOutcome =
  | { readonly kind: "accepted" }
  | { readonly kind: "wrong-code"; readonly attemptsLeft: number }
  /** This wrong code was the 5th: entry is locked until lockedUntilMs. */
  | { readonly kind: "locked-out"; readonly lockedUntilMs: number }
  /** This wrong code caused the 3rd lockout: the nonce is gone, start again. */
  | { readonly kind: "challenge-discarded"; readonly lockedUntilMs: number }
  /** Entry is locked; the attempt was not counted. */
  | { readonly kind: "locked"; readonly lockedUntilMs: number }
  /** Outside the 24 h after `t` by the recorder clock (also when the clock was set back before `t`). */
  | { readonly kind: "expired" }
  /** Not something a code could be; not counted as a wrong code. */
  | { readonly kind: "invalid-input"; readonly problem: CodeInputProblem }
  /** No Retrieve Password screen, so no nonce: any code is refused. */
  | { readonly kind: "no-active-challenge" };

const INPUT_MESSAGES: Record<CodeInputProblem, string> = {
  empty: "Enter the security code.",
  length: "The security code has 8 characters.",
  character: "The security code contains characters that are not used in security codes. Check upper and lower case.",
};

export function enterSecurityCode({ state, now, input, deviceKey }: EnterSecurityCodeOptions): RecorderResult<EnterSecurityCodeOutcome> {
  const clock = recorderNow({ state, now });
  const { challenge } = state;
  if (state.screen !== "retrieve" || challenge === null) {
    return { state, outcome: { kind: "no-active-challenge" }, message: "There is no password reset in progress. Start again from Forgot Password." };
  }
  if (state.lockedUntilMs !== null && now < state.lockedUntilMs) {
    const minutes = Math.ceil((state.lockedUntilMs - now) / 60_000);
    return {
      state,
      outcome: { kind: "locked", lockedUntilMs: state.lockedUntilMs },
      message: `Too many incorrect security codes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  const current: RecorderState = { ...state, lockedUntilMs: null };
  const normalized = normalizeCodeInput(input);
  if (!normalized.ok) return { state: current, outcome: { kind: "invalid-input", problem: normalized.problem }, message: INPUT_MESSAGES[normalized.problem] };
  const age = clock - challenge.t * 1000;
  if (age < 0 || age >= CODE_VALIDITY_MS) {
    return { state: current, outcome: { kind: "expired" }, message: "The security code has expired. Go back and request a new QR code." };
  }
  // The state may have travelled through a cookie: make sure it is this device's own challenge.
  if (!verifyTag({ deviceKey, challenge })) throw new RecorderConfigError("deviceKey", "The device key does not match the active challenge.");
  if (codesEqual(normalized.code, deriveCode({ deviceKey, fields: challenge.fields }))) {
    return {
      // The nonce is used up: the same code cannot be entered twice.
      state: { ...current, screen: "new-password", challenge: null, wrongCodeCount: 0, lockoutCount: 0 },
      outcome: { kind: "accepted" },
      message: "Security code verified. Set a new admin password.",
    };
  }
  const wrongCodeCount = current.wrongCodeCount + 1;
  if (wrongCodeCount < MAX_WRONG_CODES) {
    const attemptsLeft = MAX_WRONG_CODES - wrongCodeCount;
    return {
      state: { ...current, wrongCodeCount },
      outcome: { kind: "wrong-code", attemptsLeft },
      message: `Incorrect security code. ${attemptsLeft} attempt${attemptsLeft === 1 ? "" : "s"} left.`,
    };
  }
  const lockedUntilMs = now + LOCKOUT_MS;
  const lockoutCount = current.lockoutCount + 1;
  if (lockoutCount >= MAX_LOCKOUTS) {
    return {
      state: { ...current, screen: "forgot", challenge: null, wrongCodeCount: 0, lockoutCount, lockedUntilMs },
      outcome: { kind: "challenge-discarded", lockedUntilMs },
      message: "Too many incorrect security codes. This reset request has been cancelled; start again from Forgot Password.",
    };
  }
  return {
    state: { ...current, wrongCodeCount: 0, lockoutCount, lockedUntilMs },
    outcome: { kind: "locked-out", lockedUntilMs },
    message: "Too many incorrect security codes. Code entry is locked for 5 minutes.",
  };
}
