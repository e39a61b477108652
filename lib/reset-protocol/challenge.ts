// An RP1 challenge as text: its fields, their formats, the canonical string, the URL the
// recorder puts in its QR code, the one parse error, and the plain-words description.
// Browser-safe (no node:crypto, no Buffer): client components use it through ./client.

// ── Constants, exactly as docs/protocol.md fixes them ────────────────────────────────────────────

/** Fields in canonical (and URL) order; `g` is appended in the URL only. */
export const RP1_FIELD_ORDER = ["s", "p", "m", "f", "v", "t", "n", "e"] as const;

/** Every query field of a challenge URL, in the order the recorder writes them. */
export const RP1_URL_FIELD_ORDER = [...RP1_FIELD_ORDER, "g"] as const;

/** The path a challenge URL carries; the host is free (any reset host, any environment). */
export const RP1_PATH = "/rp1";

/** Random bytes in a nonce (16 base64url characters, no padding needed). */
export const RP1_NONCE_BYTES = 12;

/** Highest `t`: the recorder clock is an unsigned 32-bit count of seconds. */
export const RP1_MAX_TIME = 4294967295;

/**
 * Longest input the parser looks at. A valid challenge URL is under ~500 characters even with a
 * long host; pasted mail text may add line breaks, but anything past this is not a challenge and
 * is refused up front so a hostile paste cannot make the parser do unbounded work.
 */
export const RP1_MAX_INPUT_LENGTH = 8192;

// ── Types ───────────────────────────────────────────────────────────────────────────────────

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

// ── The parse error ────────────────────────────────────────────────────────────────────────
// Messages name the field and say what is wrong, but never repeat a value: values end up in
// logs, and a pasted text may hold anything.

export type ChallengeParseReason =
  /** Structural: empty input, not a string, or a URL whose path is not /rp1. */
  | "not-rp1"
  /** Structural: longer than any challenge could be. */
  | "too-long"
  /** Structural: a part of the query without "=". */
  | "malformed"
  /** A name that is not an RP1 field. */
  | "unknown"
  /** A field that appears more than once. */
  | "repeated"
  /** A required field that is absent. */
  | "missing"
  /** A field present with an empty value. */
  | "empty"
  /** A value outside its format (including any percent-encoding). */
  | "format";

export interface ChallengeParseErrorInit {
  readonly reason: ChallengeParseReason;
  /** The field at fault, or null for structural problems and unknown names. */
  readonly field: Rp1UrlFieldName | null;
  readonly message: string;
  /** For reason "unknown": the unknown name, when it is short and printable; otherwise null. */
  readonly unknownField?: string | null;
}

export class ChallengeParseError extends Error {
  override readonly name = "ChallengeParseError";
  readonly reason: ChallengeParseReason;
  readonly field: Rp1UrlFieldName | null;
  readonly unknownField: string | null;

  constructor(init: ChallengeParseErrorInit) {
    super(init.message);
    this.reason = init.reason;
    this.field = init.field;
    this.unknownField = init.unknownField ?? null;
  }

  /** Error for a named field, with a message that names it by letter and in words. */
  static forField(field: Rp1UrlFieldName, reason: ChallengeParseReason, problem: string): ChallengeParseError {
    const message = `The "${field}" field (${RP1_FIELD_LABELS[field]}) ${problem}`;
    return new ChallengeParseError({ reason, field, message });
  }
}

// ── Field formats (the field table of docs/protocol.md) ───────────────────────────────────────────────

export interface FieldFormat {
  /** True iff `value` is a valid value of this field. */
  readonly test: (value: string) => boolean;
  /** What a valid value looks like, in words, for error messages. */
  readonly description: string;
}

const matching = (pattern: RegExp) => (value: string) => pattern.test(value);

// 1..255 without leading zero: 1-9 | 10-99 | 100-199 | 200-249 | 250-255.
const KEY_VERSION = /^(?:[1-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$/;
// No leading zero (but "0" itself is valid); the range is checked numerically below.
const TIME_DIGITS = /^(?:0|[1-9][0-9]{0,9})$/;
const B64U_22 = /^[A-Za-z0-9_-]{22}$/;

export const RP1_FIELD_FORMATS: Readonly<Record<Rp1UrlFieldName, FieldFormat>> = {
  s: {
    test: matching(/^[A-Z0-9-]{6,32}$/),
    description: "6 to 32 characters: upper-case letters A-Z, digits 0-9 and hyphens",
  },
  p: {
    test: matching(/^[A-Za-z0-9-]{1,24}$/),
    description: "1 to 24 characters: letters A-Z or a-z, digits 0-9 and hyphens",
  },
  m: {
    test: matching(/^[0-9A-F]{12}$/),
    description: "exactly 12 upper-case hexadecimal digits (0-9, A-F) without separators",
  },
  f: {
    test: matching(/^[A-Za-z0-9._-]{1,24}$/),
    description: "1 to 24 characters: letters, digits, dots, underscores and hyphens",
  },
  v: {
    test: matching(KEY_VERSION),
    description: "a whole number from 1 to 255 without leading zeros",
  },
  t: {
    test: (value) => TIME_DIGITS.test(value) && Number(value) <= RP1_MAX_TIME,
    description: "a whole number of seconds from 0 to 4294967295 without leading zeros",
  },
  n: {
    test: matching(/^[A-Za-z0-9_-]{16}$/),
    description: "exactly 16 base64url characters (A-Z, a-z, 0-9, - and _)",
  },
  e: {
    test: matching(B64U_22),
    description: "exactly 22 base64url characters (A-Z, a-z, 0-9, - and _)",
  },
  g: {
    test: matching(B64U_22),
    description: "exactly 22 base64url characters (A-Z, a-z, 0-9, - and _)",
  },
};

/** Returns the error for `value` in `field`, or null when the value is valid. */
export function checkField(field: Rp1UrlFieldName, value: string): ChallengeParseError | null {
  const format = RP1_FIELD_FORMATS[field];
  if (format.test(value)) return null;
  if (value.length === 0) return ChallengeParseError.forField(field, "empty", "is empty.");
  // No RP1 character needs percent-encoding, so "%" means the link was re-encoded on the way
  // (a mail gateway or a URL shortener); decoding it could only hide that, so refuse instead.
  if (value.includes("%")) {
    return ChallengeParseError.forField(field, "format", "is percent-encoded; RP1 values never are, so the link was altered on its way.");
  }
  return ChallengeParseError.forField(field, "format", `must be ${format.description}.`);
}

// Builders check a whole set of fields in protocol order, so that nothing can sign or encode a
// value the parser would refuse.

export interface FindFieldErrorOptions {
  readonly fields: Rp1Fields;
  /** Also check the tag `g` when given. */
  readonly tag?: string;
}

/** The first field (in protocol order) whose value is outside its format, or null. */
export function findFieldError({ fields, tag }: FindFieldErrorOptions): ChallengeParseError | null {
  for (const name of RP1_FIELD_ORDER) {
    // A caller in plain JS may hand a non-string; treat it as empty rather than crash.
    const value: unknown = fields[name];
    const error = checkField(name, typeof value === "string" ? value : "");
    if (error) return error;
  }
  return tag === undefined ? null : checkField("g", tag);
}

// ── Host, canonical string and URL ──────────────────────────────────────────────────────────

// DNS labels (letters, digits, inner hyphens) separated by dots, optionally ":port".
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?$/;
const MAX_HOST_LENGTH = 253 + ":65535".length;

/** True iff `host` is a plain host name or IPv4 address, optionally with a port. */
export function isResetHost(host: string): boolean {
  return typeof host === "string" && host.length <= MAX_HOST_LENGTH && HOST.test(host);
}

/**
 * The string the tag and the code are computed over. Refuses (throws ChallengeParseError) fields
 * outside their format: "|" is not a valid character of any field, and that is what makes this
 * concatenation unambiguous, so nothing unchecked may be signed.
 */
export function canonicalString(fields: Rp1Fields): string {
  const error = findFieldError({ fields });
  if (error) throw error;
  return ["RP1", ...RP1_FIELD_ORDER.map((name) => fields[name])].join("|");
}

export interface ChallengeQueryOptions {
  readonly fields: Rp1Fields;
  readonly tag: string;
}

/**
 * The query of a challenge URL, "s=…&p=…&…&g=…", with the fields in protocol order: what the
 * console stores and parses again later. Every allowed character is URL-safe, so nothing is
 * percent-encoded. Throws ChallengeParseError for a value outside its format.
 */
export function challengeQuery({ fields, tag }: ChallengeQueryOptions): string {
  const error = findFieldError({ fields, tag });
  if (error) throw error;
  const values: Record<string, string> = { ...fields, g: tag };
  return RP1_URL_FIELD_ORDER.map((name) => `${name}=${values[name]}`).join("&");
}

export interface BuildChallengeUrlOptions extends ChallengeQueryOptions {
  /** The reset host, e.g. "reset.example.com" (optionally with ":port"). */
  readonly host: string;
}

/**
 * The QR text: https://<host>/rp1?s=…&p=…&m=…&f=…&v=…&t=…&n=…&e=…&g=… Throws ChallengeParseError
 * for a value outside its format and RangeError for a host that is not a plain host name.
 */
export function buildChallengeUrl({ host, fields, tag }: BuildChallengeUrlOptions): string {
  if (!isResetHost(host)) throw new RangeError("buildChallengeUrl: host must be a plain host name, optionally with :port");
  return `https://${host}${RP1_PATH}?${challengeQuery({ fields, tag })}`;
}

// ── Plain words, for the agent's screen and the customer's email ────────────────────────────

/** Serial, model, MAC (AA:BB:CC:DD:EE:FF), firmware, key version and recorder time (ISO, UTC). */
export function describeChallenge(challenge: Pick<Rp1Challenge, "fields">): FieldDescription[] {
  const { fields } = challenge;
  return [
    { field: "s", label: "Serial number", value: fields.s },
    { field: "p", label: "Model", value: fields.p },
    { field: "m", label: "MAC address", value: formatMac(fields.m) },
    { field: "f", label: "Firmware", value: fields.f },
    { field: "v", label: "Key version", value: fields.v },
    { field: "t", label: "Recorder time", value: formatRecorderTime(fields.t) },
  ];
}

function formatMac(mac: string): string {
  return mac.match(/.{1,2}/g)?.join(":") ?? mac;
}

// "2025-11-21T12:00:00Z": whole seconds, so the milliseconds of toISOString are noise.
function formatRecorderTime(t: string): string {
  const date = new Date(Number(t) * 1000);
  return Number.isNaN(date.getTime()) ? t : date.toISOString().replace(".000Z", "Z");
}

// ── The reserved email: lower(trim(email)) ─────────────────────────────────────────────────
// trim: removes, from both ends, exactly the code points ECMAScript's String.prototype.trim
// removes (WhiteSpace + LineTerminator as of ES2024 / Unicode 15): U+0009-U+000D, U+0020,
// U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF. The list is
// spelled out here so the result does not depend on an engine's Unicode tables; firmware
// implements the same list. Nothing inside the address is touched.
// lower: Unicode default full lower-case mapping, locale-independent (String.prototype.toLowerCase,
// = ICU u_strToLower with the root locale), including the final-sigma rule and one-to-many
// mappings such as U+0130 → "i̇". No Unicode normalization (NFC/NFD) and no IDN/punycode
// conversion: the hash is over the characters as typed.

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
