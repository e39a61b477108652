// Browser-safe shape check for a normalized code.
import { RP1_ALPHABET, RP1_CODE_LENGTH } from "./constants";

const CODE = new RegExp(`^[${RP1_ALPHABET}]{${RP1_CODE_LENGTH}}$`);

/** True iff `value` is exactly 8 characters of the RP1 alphabet (case-sensitive). */
export function isCode(value: string): boolean {
  return CODE.test(value);
}
