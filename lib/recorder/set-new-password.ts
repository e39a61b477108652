import { checkNewPassword, type PasswordProblem } from "./check-new-password";
import type { RecorderResult, RecorderState, WrongScreen } from "./types";
import { wrongScreen } from "./wrong-screen";

export interface SetNewPasswordOptions {
  readonly state: RecorderState;
  readonly password: string;
  readonly confirmation: string;
}

export type SetNewPasswordOutcome =
  { readonly kind: "password-set" } | { readonly kind: "rejected"; readonly problems: readonly PasswordProblem[] } | WrongScreen;

const PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  "too-short": "at least 8 characters",
  "too-long": "at most 32 characters",
  "no-letter": "at least one letter",
  "no-digit": "at least one digit",
  "forbidden-character": "none of ' \" ; : &",
  mismatch: "the same password in both fields",
};

/** After a correct code: sets the admin password, then offers to sync it to the cameras. */
export function setNewPassword({ state, password, confirmation }: SetNewPasswordOptions): RecorderResult<SetNewPasswordOutcome> {
  if (state.screen !== "new-password") return wrongScreen(state);
  const problems = checkNewPassword({ password, confirmation });
  if (problems.length > 0) {
    return {
      state,
      outcome: { kind: "rejected", problems },
      message: `The password needs ${problems.map((problem) => PROBLEM_MESSAGES[problem]).join(", ")}.`,
    };
  }
  return {
    state: { ...state, screen: "sync-prompt", adminPassword: password },
    outcome: { kind: "password-set" },
    message: "Password changed. Sync the new password to the connected cameras?",
  };
}
