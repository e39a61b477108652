import type { RecorderResult, RecorderState, WrongScreen } from "./types";

/** The unchanged state, for an action the current screen does not offer. */
export function wrongScreen(state: RecorderState): RecorderResult<WrongScreen> {
  return { state, outcome: { kind: "wrong-screen", screen: state.screen }, message: "This function is not available on this screen." };
}
