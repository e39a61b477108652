// The owner types the email on the Forgot Password screen. If it is the reserved email, the
// recorder makes a fresh challenge and opens the Retrieve Password screen with its QR code.
import { CODE_VALIDITY_MS, createChallenge, normalizeEmail, RP1_MAX_TIME } from "@/lib/reset-protocol";
import { recorderNow } from "./recorder-now";
import type { RecorderResult, RecorderState, WrongScreen } from "./types";
import { wrongScreen } from "./wrong-screen";

export interface SubmitResetEmailOptions {
  readonly state: RecorderState;
  /** Real time in ms. */
  readonly now: number;
  readonly email: string;
  /** The recorder's device key (never stored in the state). */
  readonly deviceKey: Uint8Array;
  /** 12 fresh bytes from a CSPRNG (injected so the machine stays pure). */
  readonly nonceBytes: Uint8Array;
}

export type SubmitResetEmailOutcome =
  | { readonly kind: "challenge-shown" }
  | { readonly kind: "email-mismatch" }
  /** The recorder clock is outside what `t` can carry (before 1970 or after 2106). */
  | { readonly kind: "clock-error" }
  | WrongScreen;

export function submitResetEmail({ state, now, email, deviceKey, nonceBytes }: SubmitResetEmailOptions): RecorderResult<SubmitResetEmailOutcome> {
  const clock = recorderNow({ state, now });
  if (state.screen !== "forgot") return wrongScreen(state);
  // Same lower(trim()) as the email hash, so what matches here is what support can check.
  if (normalizeEmail(email) !== normalizeEmail(state.identity.reservedEmail)) {
    return { state, outcome: { kind: "email-mismatch" }, message: "The email address does not match the reserved email of this device." };
  }
  const t = Math.floor(clock / 1000);
  if (t < 0 || t > RP1_MAX_TIME) {
    return { state, outcome: { kind: "clock-error" }, message: "The system time of this device is invalid. Set the time and try again." };
  }
  const { identity } = state;
  const created = createChallenge({
    deviceKey,
    serial: identity.serial,
    model: identity.model,
    mac: identity.mac,
    firmware: identity.firmware,
    keyVersion: identity.keyVersion,
    time: t,
    nonceBytes,
    reservedEmail: identity.reservedEmail,
    host: identity.resetHost,
  });
  return {
    state: {
      ...state,
      screen: "retrieve",
      challenge: { fields: created.fields, tag: created.tag, url: created.url, t, nonce: created.fields.n },
      // A new nonce starts with a clean slate; a running lockout (lockedUntilMs) still applies.
      wrongCodeCount: 0,
      lockoutCount: 0,
    },
    outcome: { kind: "challenge-shown" },
    message: `Scan the QR code and send it to technical support to get a security code. The code is valid for ${CODE_VALIDITY_MS / 3_600_000} hours.`,
  };
}
