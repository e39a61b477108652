// The value formats of the field table in docs/protocol.md §3. Each test is anchored (whole value) and has
// no global flag, so a shared RegExp carries no lastIndex state between calls.
import { RP1_MAX_TIME } from "./constants";
import type { Rp1UrlFieldName } from "./types";

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
