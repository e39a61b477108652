// The reserved email: lower(trim(email)), its keyed hash `e`, and checking a claimed address
// against `e`. Server-side only (the hash needs node:crypto).
//
// trim: removes, from both ends, exactly the code points ECMAScript's String.prototype.trim
// removes (WhiteSpace + LineTerminator as of ES2024 / Unicode 15): U+0009-U+000D, U+0020,
// U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. The list is
// spelled out here so the result does not depend on an engine's Unicode tables; firmware
// implements the same list. Nothing inside the address is touched.
// lower: Unicode default full lower-case mapping, locale-independent (String.prototype.toLowerCase,
// = ICU u_strToLower with the root locale), including the final-sigma rule and one-to-many
// mappings such as U+0130 → "i̇". No Unicode normalization (NFC/NFD) and no IDN/punycode
// conversion: the hash is over the characters as typed.
import { assertKeyBytes, constantTimeEqual, hmacLabel, RP1_LABELS, RP1_TRUNCATED_HMAC_BYTES } from "./keys";

const TRIMMED: ReadonlySet<number> = new Set([
  0x0009, 0x000a, 0x000b, 0x000c, 0x000d, 0x0020, 0x00a0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);

/** The exact code points `normalizeEmail` trims, ascending (for tests and documentation). */
export const EMAIL_TRIMMED_CODE_POINTS: readonly number[] = [...TRIMMED].sort((a, b) => a - b);

/** lower(trim(email)) as RP1 defines it. */
export function normalizeEmail(email: string): string {
  // Index loops, not a regex: /\s+$/ is quadratic on long runs of inner white space.
  let start = 0;
  let end = email.length;
  while (start < end && TRIMMED.has(email.charCodeAt(start))) start++;
  while (end > start && TRIMMED.has(email.charCodeAt(end - 1))) end--;
  return email.slice(start, end).toLowerCase();
}

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
