import type { RecorderResult, RecorderScreen, RecorderState, WrongScreen } from "./types";
import { wrongScreen } from "./wrong-screen";

export interface LeaveRetrieveScreenOptions {
  readonly state: RecorderState;
  /** Where "Back"/"Cancel" goes; the login screen unless told otherwise. */
  readonly to?: Extract<RecorderScreen, "login" | "forgot">;
}

export type LeaveRetrieveScreenOutcome = { readonly kind: "left" } | WrongScreen;

/** Leaving the Retrieve Password screen discards the nonce: its code will never be accepted. */
export function leaveRetrieveScreen({ state, to = "login" }: LeaveRetrieveScreenOptions): RecorderResult<LeaveRetrieveScreenOutcome> {
  if (state.screen !== "retrieve") return wrongScreen(state);
  return {
    state: { ...state, screen: to, challenge: null, wrongCodeCount: 0, lockoutCount: 0 },
    outcome: { kind: "left" },
    message: to === "login" ? "Enter the admin password." : "Enter the reserved email address of this device.",
  };
}
