// How emails and screens show a code: "XXXX-XXXX". Browser-safe.
import { isCode } from "./is-code";

/** "jAb6LFtn" → "jAb6-LFtn". Throws RangeError (without the value) for anything but a code. */
export function formatCode(code: string): string {
  if (!isCode(code)) throw new RangeError("formatCode: not an 8-character RP1 code");
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
