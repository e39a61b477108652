// code = encode(H(K, "RP1-code", canonical)[0:5]). Server-side only.
import { assertKeyBytes } from "./assert-key-bytes";
import { canonicalString } from "./canonical-string";
import { RP1_LABELS } from "./constants";
import { encodeCode } from "./encode-code";
import { hmacLabel } from "./hmac-label";
import type { Rp1Fields } from "./types";

export interface DeriveCodeOptions {
  readonly deviceKey: Uint8Array;
  /** The signed fields; the canonical string is built from them here. */
  readonly fields: Rp1Fields;
}

/**
 * The 8-character security code (no hyphen) for a challenge. Deterministic, so a resend is the
 * same code. Callers must have verified the tag first (rp1Scheme.deriveCode does); never log it.
 */
export function deriveCode({ deviceKey, fields }: DeriveCodeOptions): string {
  assertKeyBytes(deviceKey, "deviceKey");
  return encodeCode(hmacLabel(deviceKey, RP1_LABELS.code, canonicalString(fields)));
}
