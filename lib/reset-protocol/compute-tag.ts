// g = b64u(H(K, "RP1-qr", canonical)[0:16]). Server-side only.
import { assertKeyBytes } from "./assert-key-bytes";
import { canonicalString } from "./canonical-string";
import { RP1_LABELS, RP1_TRUNCATED_HMAC_BYTES } from "./constants";
import { hmacLabel } from "./hmac-label";
import type { Rp1Fields } from "./types";

export interface ComputeTagOptions {
  readonly deviceKey: Uint8Array;
  /** The signed fields; the canonical string is built from them here, never taken on trust. */
  readonly fields: Rp1Fields;
}

/** The 22-character tag `g` of a challenge. */
export function computeTag({ deviceKey, fields }: ComputeTagOptions): string {
  assertKeyBytes(deviceKey, "deviceKey");
  return hmacLabel(deviceKey, RP1_LABELS.tag, canonicalString(fields)).subarray(0, RP1_TRUNCATED_HMAC_BYTES).toString("base64url");
}
