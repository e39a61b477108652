import type { RecorderResult, RecorderState, WrongScreen } from "./types";
import { wrongScreen } from "./wrong-screen";

export type OpenForgotPasswordOutcome = { readonly kind: "opened" } | WrongScreen;

/** "Forgot Password" on the login screen: asks for the reserved email. */
export function openForgotPassword(state: RecorderState): RecorderResult<OpenForgotPasswordOutcome> {
  if (state.screen !== "login") return wrongScreen(state);
  return {
    state: { ...state, screen: "forgot" },
    outcome: { kind: "opened" },
    message: "Enter the reserved email address of this device.",
  };
}
