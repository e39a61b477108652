// RP1's keys: the keyed hash H every derivation uses, the master key configuration and the
// device key derived from it. Server-side only (node:crypto). No key byte ever appears in a
// message, a log line or a printed object.
import { createHmac, timingSafeEqual } from "node:crypto";
import { checkField, RP1_FIELD_FORMATS } from "./challenge";

/** Master and device keys are 32 bytes. */
export const RP1_KEY_BYTES = 32;

/** HMAC labels: H(key, label, msg) = HMAC-SHA256(key, ASCII(label) || 0x00 || UTF8(msg)). */
export const RP1_LABELS = {
  device: "RP1-device",
  email: "RP1-email",
  tag: "RP1-qr",
  code: "RP1-code",
} as const;

/** The first bytes of an HMAC kept for `e` and `g` (128 bits → 22 base64url characters). */
export const RP1_TRUNCATED_HMAC_BYTES = 16;

// ── H(key, label, msg) ──────────────────────────────────────────────────────────────────────

// Labels are protocol constants; a label with a NUL or non-ASCII byte would make the
// label/message split ambiguous, so refuse it rather than sign something nobody else can.
const SAFE_LABEL = /^[\x01-\x7F]+$/;

/**
 * The 32-byte HMAC of RP1's labelled construction. `msg` is encoded as UTF-8; a lone surrogate
 * (not valid Unicode) becomes U+FFFD, as the WHATWG encoder does.
 */
export function hmacLabel(key: Uint8Array, label: string, msg: string): Buffer {
  if (!SAFE_LABEL.test(label)) throw new RangeError("hmacLabel: label must be non-empty ASCII without NUL");
  return createHmac("sha256", key).update(Buffer.from(label, "ascii")).update(Buffer.of(0)).update(Buffer.from(msg, "utf8")).digest();
}

// ── Guards shared by everything keyed ──────────────────────────────────────────────────────

/** Throws RangeError unless `key` is a byte array of exactly 32 bytes. */
export function assertKeyBytes(key: unknown, what: string): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== RP1_KEY_BYTES) {
    throw new RangeError(`${what} must be ${RP1_KEY_BYTES} bytes`);
  }
}

// Equality of two secret-derived strings without an early exit.

/**
 * True iff `a` and `b` are the same string. Takes the same time for every pair of equal-length
 * inputs; lengths are not secret here (tags, hashes and codes have fixed lengths).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    // Still do the work of a comparison so a length mismatch is not a faster path.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

// ── Master key configuration ────────────────────────────────────────────────────────────────
// Errors name the entry or version and the rule; they never contain any part of the configured
// value, which may be (or contain) a key.

export type KeyConfigErrorCode =
  /** RESET_MASTER_KEYS is unset or blank. */
  | "missing"
  /** An entry between commas is empty. */
  | "empty-entry"
  /** An entry is not "<version>:<key>". */
  | "entry-format"
  /** A version is not 1..255 without leading zeros. */
  | "bad-version"
  /** A key is not 64 hex characters. */
  | "bad-key"
  /** A key whose 32 bytes are all the same value (all zero, all 0xff ...). */
  | "weak-key"
  /** The same version twice. */
  | "duplicate-version"
  /** Two versions with the same key bytes. */
  | "duplicate-key"
  /** RESET_MASTER_KEY_CURRENT is not a version number. */
  | "bad-current"
  /** RESET_MASTER_KEY_CURRENT names a version that is not configured. */
  | "unknown-current";

export class KeyConfigError extends Error {
  override readonly name = "KeyConfigError";
  readonly code: KeyConfigErrorCode;

  constructor(code: KeyConfigErrorCode, message: string) {
    super(message);
    this.code = code;
  }
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

// RESET_MASTER_KEYS="1:<64 hex>,2:<64 hex>" and optionally RESET_MASTER_KEY_CURRENT="2". The keys
// live in a closure, so the returned object has nothing to print: JSON.stringify, console.log
// and util.inspect show versions only.

// A key version is what the challenge's `v` field may carry: 1..255 without leading zeros.
const isVersion = (text: string) => RP1_FIELD_FORMATS.v.test(text);
const HEX_KEY = new RegExp(`^[0-9A-Fa-f]{${RP1_KEY_BYTES * 2}}$`);
const ENV_KEYS = "RESET_MASTER_KEYS";
const ENV_CURRENT = "RESET_MASTER_KEY_CURRENT";

export interface MasterKeys extends MasterKeyRing {
  /** True iff `version` is configured. */
  has(version: number): boolean;
  /** Only the versions: what JSON.stringify shows. */
  toJSON(): { current: number; versions: number[] };
}

/**
 * Parses and validates the master key configuration.
 * @param envValue RESET_MASTER_KEYS: comma-separated "<version>:<64 hex digits>" entries; white
 *   space around entries and around ":" is ignored; hex digits in either case.
 * @param currentVersion RESET_MASTER_KEY_CURRENT: the version new devices get; unset or blank
 *   means the highest configured version.
 * @throws KeyConfigError, whose message never contains key material.
 */
export function parseMasterKeys(envValue: string | undefined, currentVersion?: string): MasterKeys {
  if (envValue === undefined || envValue.trim() === "") {
    throw new KeyConfigError("missing", `${ENV_KEYS} is not set: configure at least one key as <version>:<64 hex characters>.`);
  }
  const keys = new Map<number, Buffer>();
  for (const [index, rawEntry] of envValue.split(",").entries()) {
    const entryNumber = index + 1;
    const entry = rawEntry.trim();
    if (entry === "") throw new KeyConfigError("empty-entry", `${ENV_KEYS}: entry ${entryNumber} is empty (a stray comma?).`);
    const colon = entry.indexOf(":");
    if (colon === -1) {
      throw new KeyConfigError("entry-format", `${ENV_KEYS}: entry ${entryNumber} must look like <version>:<64 hex characters>.`);
    }
    const versionText = entry.slice(0, colon).trim();
    if (!isVersion(versionText)) {
      // The text before ":" is not echoed: a swapped entry would put the key there.
      throw new KeyConfigError("bad-version", `${ENV_KEYS}: entry ${entryNumber} must start with a key version 1..255 without leading zeros.`);
    }
    const version = Number(versionText);
    if (keys.has(version)) throw new KeyConfigError("duplicate-version", `${ENV_KEYS}: version ${version} is configured more than once.`);
    const hex = entry.slice(colon + 1).trim();
    if (!HEX_KEY.test(hex)) {
      throw new KeyConfigError("bad-key", `${ENV_KEYS}: version ${version}: key must be ${RP1_KEY_BYTES * 2} hex characters (${RP1_KEY_BYTES} bytes).`);
    }
    const key = Buffer.from(hex, "hex");
    if (key.every((byte) => byte === key[0])) {
      throw new KeyConfigError("weak-key", `${ENV_KEYS}: version ${version}: key has all bytes equal; use ${RP1_KEY_BYTES} random bytes.`);
    }
    for (const [otherVersion, otherKey] of keys) {
      if (timingSafeEqual(otherKey, key)) {
        throw new KeyConfigError("duplicate-key", `${ENV_KEYS}: versions ${otherVersion} and ${version} have the same key; every version needs its own key.`);
      }
    }
    keys.set(version, key);
  }
  const versions = [...keys.keys()].sort((a, b) => a - b);
  return createRing(keys, versions, chooseCurrent(currentVersion, versions));
}

function chooseCurrent(currentVersion: string | undefined, versions: readonly number[]): number {
  const highest = versions[versions.length - 1];
  if (highest === undefined) throw new KeyConfigError("missing", `${ENV_KEYS} has no keys.`);
  if (currentVersion === undefined || currentVersion.trim() === "") return highest;
  const text = currentVersion.trim();
  if (!isVersion(text)) {
    throw new KeyConfigError("bad-current", `${ENV_CURRENT} must be a key version number 1..255 without leading zeros.`);
  }
  const current = Number(text);
  if (!versions.includes(current)) {
    throw new KeyConfigError(
      "unknown-current",
      `${ENV_CURRENT} is ${current}, but no key with version ${current} is configured (configured: ${versions.join(", ")}).`,
    );
  }
  return current;
}

function createRing(keys: ReadonlyMap<number, Buffer>, versionList: number[], current: number): MasterKeys {
  const versions = Object.freeze([...versionList]);
  const summary = () => ({ current, versions: [...versions] });
  return Object.freeze({
    current,
    versions,
    has: (version: number) => keys.has(version),
    // A copy, so a caller that scrubs or mutates its buffer cannot damage the configuration.
    get: (version: number) => {
      const key = keys.get(version);
      return key ? Buffer.from(key) : undefined;
    },
    toJSON: summary,
    toString: () => `MasterKeys(current ${current}; versions ${versions.join(", ")})`,
    [Symbol.for("nodejs.util.inspect.custom")]: summary,
  });
}

// ── Device key: K = HMAC-SHA256(M_v, "RP1-device" || 0x00 || serial) ─────────────────────────

export interface DeriveDeviceKeyOptions {
  /** The master key M_v of the device's key version: 32 bytes. */
  readonly masterKey: Uint8Array;
  /** The serial exactly as in the challenge (`s`), `[A-Z0-9-]{6,32}`. */
  readonly serial: string;
}

/**
 * The 32-byte device key. The console re-derives it on demand and must not store it.
 * @throws ChallengeParseError when the serial is outside its format (a device key for a serial
 * that can never appear in a challenge is a bug, not a key).
 */
export function deriveDeviceKey({ masterKey, serial }: DeriveDeviceKeyOptions): Buffer {
  assertKeyBytes(masterKey, "masterKey");
  const error = checkField("s", serial);
  if (error) throw error;
  return hmacLabel(masterKey, RP1_LABELS.device, serial);
}
