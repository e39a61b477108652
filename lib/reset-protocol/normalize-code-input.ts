// What the recorder does with typed code input: ignore the hyphen and spaces, never the case
// (the alphabet holds "D" and "d", "E" and "e" ... as different characters). Browser-safe.
import { RP1_ALPHABET, RP1_CODE_LENGTH } from "./constants";

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
