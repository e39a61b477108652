import { constantTimeEqual } from "@/lib/reset-protocol";
import type { RecorderResult, RecorderState, WrongScreen } from "./types";
import { wrongScreen } from "./wrong-screen";

export interface LogInOptions {
  readonly state: RecorderState;
  readonly password: string;
}

export type LogInOutcome = { readonly kind: "logged-in" } | { readonly kind: "wrong-password" } | WrongScreen;

/** Tries the admin password on the login screen (to show the reset worked). State is unchanged. */
export function logIn({ state, password }: LogInOptions): RecorderResult<LogInOutcome> {
  if (state.screen !== "login") return wrongScreen(state);
  return constantTimeEqual(password, state.adminPassword)
    ? { state, outcome: { kind: "logged-in" }, message: "Logged in." }
    : { state, outcome: { kind: "wrong-password" }, message: "Incorrect user name or password." };
}
