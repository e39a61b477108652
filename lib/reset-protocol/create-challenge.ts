// What the recorder does when the owner asks for a reset: a fresh challenge for its QR code.
// Used by the virtual recorder. Server-side only. Clock and randomness are injected.
import { assertKeyBytes } from "./assert-key-bytes";
import { buildChallengeUrl } from "./build-challenge-url";
import { canonicalString } from "./canonical-string";
import { computeTag } from "./compute-tag";
import { RP1_NONCE_BYTES } from "./constants";
import { emailHash } from "./email-hash";
import { findFieldError } from "./find-field-error";
import type { Rp1Fields } from "./types";

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
