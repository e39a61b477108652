// H(key, label, msg) = HMAC-SHA256(key, ASCII(label) || 0x00 || UTF8(msg)). Server-side only.
import { createHmac } from "node:crypto";

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
