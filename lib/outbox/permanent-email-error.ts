/**
 * A message that can never be sent as queued (its ticket or challenge no longer parses or
 * verifies, the invitation is used, the payload is malformed). The row fails at once instead of
 * retrying. The message is stored as lastError, so it must never contain a secret.
 */
export class PermanentEmailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentEmailError";
  }
}
