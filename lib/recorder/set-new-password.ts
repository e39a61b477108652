import { checkNewPassword, PASSWORD_FORBIDDEN_CHARACTERS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordProblem } from "@/lib/reset-protocol";
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
  "too-short": `at least ${PASSWORD_MIN_LENGTH} characters`,
  "too-long": `at most ${PASSWORD_MAX_LENGTH} characters`,
  "no-letter": "at least one letter",
  "no-digit": "at least one digit",
  "forbidden-character": `none of ${PASSWORD_FORBIDDEN_CHARACTERS.join(" ")}`,
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
