// e = b64u(H(K, "RP1-email", lower(trim(email)))[0:16]). Server-side only.
import { assertKeyBytes } from "./assert-key-bytes";
import { RP1_LABELS, RP1_TRUNCATED_HMAC_BYTES } from "./constants";
import { hmacLabel } from "./hmac-label";
import { normalizeEmail } from "./normalize-email";

export interface EmailHashOptions {
  readonly deviceKey: Uint8Array;
  /** The email as typed; it is trimmed and lower-cased here (see normalizeEmail). */
  readonly email: string;
}

/** The 22-character `e` value for `email` on the device with `deviceKey`. */
export function emailHash({ deviceKey, email }: EmailHashOptions): string {
  assertKeyBytes(deviceKey, "deviceKey");
  return hmacLabel(deviceKey, RP1_LABELS.email, normalizeEmail(email)).subarray(0, RP1_TRUNCATED_HMAC_BYTES).toString("base64url");
}
