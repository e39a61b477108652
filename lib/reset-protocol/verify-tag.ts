// The first thing the console does with a challenge: a wrong tag means a forged or mistyped
// challenge, never a code. Server-side only.
import { computeTag } from "./compute-tag";
import { constantTimeEqual } from "./constant-time-equal";
import type { Rp1Fields } from "./types";

export interface VerifyTagOptions {
  readonly deviceKey: Uint8Array;
  /** The parsed challenge; only its fields and tag are used. */
  readonly challenge: { readonly fields: Rp1Fields; readonly tag: string };
}

/**
 * True iff the challenge's tag is the one the device key makes for its fields. Compares the
 * encoded strings in constant time, so a non-canonical base64url spelling of the right bytes
 * (other low bits in the last character) is refused too.
 */
export function verifyTag({ deviceKey, challenge }: VerifyTagOptions): boolean {
  return constantTimeEqual(computeTag({ deviceKey, fields: challenge.fields }), challenge.tag);
}
