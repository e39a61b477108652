// What a device key signs: the tag `g` of a challenge, the security code, and a whole new
// challenge as the recorder makes it. Server-side only (node:crypto). Clock and randomness are
// parameters.
import { buildChallengeUrl, canonicalString, findFieldError, RP1_NONCE_BYTES, type Rp1Fields } from "./challenge";
import { encodeCode } from "./code";
import { emailHash } from "./email";
import { assertKeyBytes, constantTimeEqual, hmacLabel, RP1_LABELS, RP1_TRUNCATED_HMAC_BYTES } from "./keys";

// ── The tag: g = b64u(H(K, "RP1-qr", canonical)[0:16]) ──────────────────────────────────────

export interface ComputeTagOptions {
  readonly deviceKey: Uint8Array;
  /** The signed fields; the canonical string is built from them here, never taken on trust. */
  readonly fields: Rp1Fields;
}

/** The 22-character tag `g` of a challenge. */
export function computeTag({ deviceKey, fields }: ComputeTagOptions): string {
  assertKeyBytes(deviceKey, "deviceKey");
  return hmacLabel(deviceKey, RP1_LABELS.tag, canonicalString(fields)).subarray(0, RP1_TRUNCATED_HMAC_BYTES).toString("base64url");
}

// The first thing the console does with a challenge: a wrong tag means a forged or mistyped
// challenge, never a code.

export interface VerifyTagOptions {
  readonly deviceKey: Uint8Array;
  /** The parsed challenge; only its fields and tag are used. */
  readonly challenge: { readonly fields: Rp1Fields; readonly tag: string };
}

/**
 * True iff the challenge's tag is the one the device key makes for its fields. Compares the
 * encoded strings in constant time, so a non-canonical base64url spelling of the right bytes
 * (other low bits in the last character) is refused too.
 */
export function verifyTag({ deviceKey, challenge }: VerifyTagOptions): boolean {
  return constantTimeEqual(computeTag({ deviceKey, fields: challenge.fields }), challenge.tag);
}

// ── The code: encode(H(K, "RP1-code", canonical)[0:5]) ───────────────────────────────────────

export interface DeriveCodeOptions {
  readonly deviceKey: Uint8Array;
  /** The signed fields; the canonical string is built from them here. */
  readonly fields: Rp1Fields;
}

/**
 * The 8-character security code (no hyphen) for a challenge. Deterministic, so a resend is the
 * same code. Callers must have verified the tag first (rp1Scheme.deriveCode does); never log it.
 */
export function deriveCode({ deviceKey, fields }: DeriveCodeOptions): string {
  assertKeyBytes(deviceKey, "deviceKey");
  return encodeCode(hmacLabel(deviceKey, RP1_LABELS.code, canonicalString(fields)));
}

/** Constant-time equality of two normalized codes (see normalizeCodeInput). Case-sensitive. */
export function codesEqual(a: string, b: string): boolean {
  return constantTimeEqual(a, b);
}

// ── A new challenge: what the recorder does when the owner asks for a reset (the virtual
// recorder uses it).

export interface CreateChallengeOptions {
  readonly deviceKey: Uint8Array;
  readonly serial: string;
  readonly model: string;
  /** 12 upper-case hex digits, no separators. */
  readonly mac: string;
  readonly firmware: string;
  /** The key version the device was provisioned with (1..255). */
  readonly keyVersion: number;
  /** The recorder's clock in Unix seconds (0..4294967295). */
  readonly time: number;
  /** Exactly 12 bytes from a CSPRNG, new for every challenge. */
  readonly nonceBytes: Uint8Array;
  readonly reservedEmail: string;
  /** Reset host for the URL, e.g. "reset.example.com". */
  readonly host: string;
}

export interface CreatedChallenge {
  readonly fields: Rp1Fields;
  readonly tag: string;
  readonly canonical: string;
  readonly url: string;
}

/** A signed challenge. Throws ChallengeParseError / RangeError for inputs outside the protocol. */
export function createChallenge(options: CreateChallengeOptions): CreatedChallenge {
  const { deviceKey, nonceBytes } = options;
  assertKeyBytes(deviceKey, "deviceKey");
  if (!(nonceBytes instanceof Uint8Array) || nonceBytes.length !== RP1_NONCE_BYTES) {
    throw new RangeError(`createChallenge: nonceBytes must be ${RP1_NONCE_BYTES} bytes`);
  }
  const fields: Rp1Fields = {
    s: options.serial,
    p: options.model,
    m: options.mac,
    f: options.firmware,
    // String() of a non-integer or out-of-range number fails the format check below.
    v: String(options.keyVersion),
    t: String(options.time),
    n: Buffer.from(nonceBytes).toString("base64url"),
    e: emailHash({ deviceKey, email: options.reservedEmail }),
  };
  const error = findFieldError({ fields });
  if (error) throw error;
  const tag = computeTag({ deviceKey, fields });
  return { fields, tag, canonical: canonicalString(fields), url: buildChallengeUrl({ host: options.host, fields, tag }) };
}
