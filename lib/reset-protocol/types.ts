// Types of an RP1 challenge. Browser-safe: no runtime imports besides constants.
import type { RP1_FIELD_ORDER, RP1_URL_FIELD_ORDER } from "./constants";

/** A field that goes into the canonical string: s, p, m, f, v, t, n, e. */
export type Rp1FieldName = (typeof RP1_FIELD_ORDER)[number];

/** Any field of the challenge URL: the canonical fields plus the tag `g`. */
export type Rp1UrlFieldName = (typeof RP1_URL_FIELD_ORDER)[number];

/**
 * The signed fields exactly as they appear in the QR text. Kept as strings because the
 * canonical string and the tag are computed over these exact characters.
 */
export interface Rp1Fields {
  /** Serial number, `[A-Z0-9-]{6,32}`. */
  readonly s: string;
  /** Model, `[A-Za-z0-9-]{1,24}`. */
  readonly p: string;
  /** MAC address, 12 upper-case hex digits without separators. */
  readonly m: string;
  /** Firmware version, `[A-Za-z0-9._-]{1,24}`. */
  readonly f: string;
  /** Key version, decimal 1..255 without leading zero. */
  readonly v: string;
  /** Recorder clock (Unix seconds) when the challenge was made, decimal 0..4294967295. */
  readonly t: string;
  /** Nonce: 12 random bytes, base64url, 16 characters. */
  readonly n: string;
  /** Keyed hash of the reserved email, base64url, 22 characters. */
  readonly e: string;
}

/** A challenge that passed the parser's format checks. Its tag is NOT verified yet. */
export interface Rp1Challenge {
  readonly scheme: "RP1";
  readonly fields: Rp1Fields;
  /** `g`: base64url of the first 16 bytes of H(K, "RP1-qr", canonical). */
  readonly tag: string;
  /** "RP1|s|p|m|f|v|t|n|e", computed from `fields`. */
  readonly canonical: string;
  /** `v` as a number (1..255). */
  readonly keyVersion: number;
  /** `t` as a number of Unix seconds (0..4294967295). */
  readonly time: number;
}

/** One line of a plain-words description of a challenge, for agents and customers. */
export interface FieldDescription {
  readonly field: Rp1FieldName;
  readonly label: string;
  readonly value: string;
}

/** What a caller needs from the master key configuration: keys by version, never enumerable. */
export interface MasterKeyRing {
  /** Version new devices are provisioned with. */
  readonly current: number;
  /** Configured versions, ascending. */
  readonly versions: readonly number[];
  /** A copy of the key for `version`, or undefined when that version is not configured. */
  get(version: number): Buffer | undefined;
}

/** Plain-words names of the fields, used in error messages and descriptions. */
export const RP1_FIELD_LABELS: Readonly<Record<Rp1UrlFieldName, string>> = {
  s: "serial number",
  p: "model",
  m: "MAC address",
  f: "firmware version",
  v: "key version",
  t: "recorder time",
  n: "nonce",
  e: "email hash",
  g: "tag",
};
