// The reserved email's keyed hash `e`, and checking a claimed address against `e`. Server-side
// only (the hash needs node:crypto). The normalisation lower(trim(email)) is in challenge.ts,
// browser-safe, so the app stores addresses exactly as the recorder hashes them.
import { assertKeyBytes, constantTimeEqual, hmacLabel, RP1_LABELS, RP1_TRUNCATED_HMAC_BYTES } from "./keys";
import { normalizeEmail } from "./challenge";

// ── e = b64u(H(K, "RP1-email", lower(trim(email)))[0:16]) ─────────────────────────────────────

export interface EmailHashOptions {
  readonly deviceKey: Uint8Array;
  /** The email as typed; it is trimmed and lower-cased here (see normalizeEmail). */
  readonly email: string;
}

/** The 22-character `e` value for `email` on the device with `deviceKey`. */
export function emailHash({ deviceKey, email }: EmailHashOptions): string {
  assertKeyBytes(deviceKey, "deviceKey");
  return hmacLabel(deviceKey, RP1_LABELS.email, normalizeEmail(email)).subarray(0, RP1_TRUNCATED_HMAC_BYTES).toString("base64url");
}

export interface VerifyEmailOptions {
  readonly deviceKey: Uint8Array;
  /** The challenge's `e` field. */
  readonly e: string;
  /** The claimed email as typed; trimmed and lower-cased like the recorder does. */
  readonly email: string;
}

/** True iff `email` is the recorder's reserved email. Only meaningful after verifyTag. */
export function verifyEmail({ deviceKey, e, email }: VerifyEmailOptions): boolean {
  return constantTimeEqual(emailHash({ deviceKey, email }), e);
}
