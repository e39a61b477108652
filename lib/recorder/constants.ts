// The recorder's rules from docs/protocol.md (§7 "Rules on each side", Recorder), as named numbers.

/** A code is accepted for 24 hours after the challenge's `t`, by the recorder's own clock. */
export const CODE_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** Code entry is locked this long after MAX_WRONG_CODES wrong codes. */
export const LOCKOUT_MS = 5 * 60 * 1000;

/** Wrong codes in a row that trigger a lockout. */
export const MAX_WRONG_CODES = 5;

/** Lockouts after which the nonce is discarded and the owner must start again. */
export const MAX_LOCKOUTS = 3;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 32;
/** Characters a recorder's admin password must not contain. */
export const PASSWORD_FORBIDDEN_CHARACTERS = ["'", '"', ";", ":", "&"] as const;

/**
 * The simulator lets a tester move the recorder clock by at most this much either way (about
 * 200 years), which keeps every reachable clock value a safe integer and inside what `t` can
 * carry for any real `now`.
 */
export const MAX_CLOCK_OFFSET_MS = 200 * 365 * 24 * 60 * 60 * 1000;
