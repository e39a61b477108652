// Checks a claimed email against the challenge's keyed hash `e`. Server-side only.
import { constantTimeEqual } from "./constant-time-equal";
import { emailHash } from "./email-hash";

export interface VerifyEmailOptions {
  readonly deviceKey: Uint8Array;
  /** The challenge's `e` field. */
  readonly e: string;
  /** The claimed email as typed; trimmed and lower-cased like the recorder does. */
  readonly email: string;
}

/** True iff `email` is the recorder's reserved email. Only meaningful after verifyTag. */
export function verifyEmail({ deviceKey, e, email }: VerifyEmailOptions): boolean {
  return constantTimeEqual(emailHash({ deviceKey, email }), e);
}
