import type { RecorderResult, RecorderState } from "./types";

export type ReturnToLoginOutcome = { readonly kind: "at-login" };

/** "OK"/"Cancel" back to the login screen from anywhere; leaving Retrieve Password discards the nonce. */
export function returnToLogin(state: RecorderState): RecorderResult<ReturnToLoginOutcome> {
  const leavingRetrieve = state.screen === "retrieve";
  return {
    state: leavingRetrieve ? { ...state, screen: "login", challenge: null, wrongCodeCount: 0, lockoutCount: 0 } : { ...state, screen: "login" },
    outcome: { kind: "at-login" },
    message: "Enter the admin password.",
  };
}
