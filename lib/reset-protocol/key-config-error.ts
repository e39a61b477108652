// Errors of the master key configuration. Messages name the entry or version and the rule;
// they never contain any part of the configured value, which may be (or contain) a key.

export type KeyConfigErrorCode =
  /** RESET_MASTER_KEYS is unset or blank. */
  | "missing"
  /** An entry between commas is empty. */
  | "empty-entry"
  /** An entry is not "<version>:<key>". */
  | "entry-format"
  /** A version is not 1..255 without leading zeros. */
  | "bad-version"
  /** A key is not 64 hex characters. */
  | "bad-key"
  /** A key whose 32 bytes are all the same value (all zero, all 0xff ...). */
  | "weak-key"
  /** The same version twice. */
  | "duplicate-version"
  /** Two versions with the same key bytes. */
  | "duplicate-key"
  /** RESET_MASTER_KEY_CURRENT is not a version number. */
  | "bad-current"
  /** RESET_MASTER_KEY_CURRENT names a version that is not configured. */
  | "unknown-current";

export class KeyConfigError extends Error {
  override readonly name = "KeyConfigError";
  readonly code: KeyConfigErrorCode;

  constructor(code: KeyConfigErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
