// The security code as people see and type it: its alphabet and bit layout, how long the recorder
// accepts it, the "XXXX-XXXX" display form and what typed input means. Browser-safe. Deriving
// a code needs the device key: see deriveCode in ./signing.

/** The 32 code characters, in value order (index = 5-bit group value). Case-sensitive. */
export const RP1_ALPHABET = "23456789ADEFGHJLMNQRTabdefhjmnrt";

/** Bytes of H(K, "RP1-code", canonical) that make the code: 40 bits = 8 groups of 5 bits. */
export const RP1_CODE_BYTES = 5;

/** Characters in a security code (without the display hyphen). */
export const RP1_CODE_LENGTH = 8;

/**
 * The recorder accepts a code while 0 ≤ its clock − t·1000 < this, by its own clock: 24 hours.
 * The recorder enforces it; the reset email and the simulator's screens say it.
 */
export const CODE_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** When the recorder stops accepting the code of a challenge made at `t` (Unix seconds). */
export function codeValidUntil(t: number): Date {
  return new Date(t * 1000 + CODE_VALIDITY_MS);
}

// ── Bit layout: the first 40 bits, big-endian, cut into eight 5-bit groups from the most
// significant end, each an index into RP1_ALPHABET.

const BITS_PER_CHARACTER = 5;

/** Encodes the first 5 bytes of `bytes` as an 8-character code (no hyphen). */
export function encodeCode(bytes: Uint8Array): string {
  if (bytes.length < RP1_CODE_BYTES) throw new RangeError(`encodeCode needs at least ${RP1_CODE_BYTES} bytes`);
  // 40 bits fit exactly in a double (< 2^53), so plain arithmetic is exact; no BigInt needed.
  let value = 0;
  for (let index = 0; index < RP1_CODE_BYTES; index++) value = value * 256 + (bytes[index] ?? 0);
  let code = "";
  for (let group = RP1_CODE_LENGTH - 1; group >= 0; group--) {
    const digit = Math.floor(value / 2 ** (group * BITS_PER_CHARACTER)) % 2 ** BITS_PER_CHARACTER;
    code += RP1_ALPHABET[digit];
  }
  return code;
}

// ── Shape and display ─────────────────────────────────────────────────────────────────────

const CODE = new RegExp(`^[${RP1_ALPHABET}]{${RP1_CODE_LENGTH}}$`);

/** True iff `value` is exactly 8 characters of the RP1 alphabet (case-sensitive). */
export function isCode(value: string): boolean {
  return CODE.test(value);
}

/** "jAb6LFtn" → "jAb6-LFtn". Throws RangeError (without the value) for anything but a code. */
export function formatCode(code: string): string {
  if (!isCode(code)) throw new RangeError("formatCode: not an 8-character RP1 code");
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

// ── Typed input: the recorder ignores the hyphen and spaces, never the case (the alphabet holds
// "D" and "d", "E" and "e" ... as different characters).

export type CodeInputProblem =
  /** Nothing but separators. */
  | "empty"
  /** A character that is not in the alphabet (after removing separators). */
  | "character"
  /** Only alphabet characters, but not 8 of them. */
  | "length";

export type NormalizedCodeInput = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly problem: CodeInputProblem };

// All white space, plus the dashes a mail client or phone keyboard may substitute for the
// hyphen of "XXXX-XXXX" (U+2010..U+2015, U+2212) and invisible soft hyphen / zero-width chars.
// None of them is in the alphabet, so removing them cannot change which code was meant.
const SEPARATORS = /[\s\u0085\u00AD\u200B-\u200D\u2060\-\u2010-\u2015\u2212]/g;
const ALPHABET: ReadonlySet<string> = new Set(RP1_ALPHABET);

/** The 8-character code in `input`, or why there is none. Never changes letter case. */
export function normalizeCodeInput(input: string): NormalizedCodeInput {
  const compact = input.replace(SEPARATORS, "");
  if (compact === "") return { ok: false, problem: "empty" };
  // Iterate by code point so an emoji counts as one (wrong) character, not two.
  const characters = [...compact];
  if (characters.some((character) => !ALPHABET.has(character))) return { ok: false, problem: "character" };
  if (characters.length !== RP1_CODE_LENGTH) return { ok: false, problem: "length" };
  return { ok: true, code: compact };
}
