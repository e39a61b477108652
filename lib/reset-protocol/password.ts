// The recorder's rule for the new admin password after a reset (docs/protocol.md §7): 8–32
// characters with letters and digits and none of ' " ; : &. The recorder enforces it, the reset
// email and the simulator's form tell the owner. Browser-safe.

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 32;
/** Characters a recorder's admin password must not contain. */
export const PASSWORD_FORBIDDEN_CHARACTERS = ["'", '"', ";", ":", "&"] as const;

export type PasswordProblem = "too-short" | "too-long" | "no-letter" | "no-digit" | "forbidden-character" | "mismatch";

export interface CheckNewPasswordOptions {
  readonly password: string;
  readonly confirmation: string;
}

/** Every rule the password breaks, in a fixed order; empty when it is acceptable. So a form can show every problem at once. */
export function checkNewPassword({ password, confirmation }: CheckNewPasswordOptions): PasswordProblem[] {
  // Length in characters (code points), as a person counts them, not UTF-16 units.
  const length = [...password].length;
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push("too-short");
  if (length > PASSWORD_MAX_LENGTH) problems.push("too-long");
  // Letters and digits as a recorder's on-screen keyboard has them: ASCII.
  if (!/[A-Za-z]/.test(password)) problems.push("no-letter");
  if (!/[0-9]/.test(password)) problems.push("no-digit");
  if (PASSWORD_FORBIDDEN_CHARACTERS.some((character) => password.includes(character))) problems.push("forbidden-character");
  if (password !== confirmation) problems.push("mismatch");
  return problems;
}
