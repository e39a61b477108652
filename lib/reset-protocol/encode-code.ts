// The code's bit layout: the first 40 bits, big-endian, cut into eight 5-bit groups from the
// most significant end, each an index into RP1_ALPHABET. Browser-safe.
import { RP1_ALPHABET, RP1_CODE_BYTES, RP1_CODE_LENGTH } from "./constants";

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
