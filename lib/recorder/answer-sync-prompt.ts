import type { RecorderResult, RecorderState, WrongScreen } from "./types";
import { wrongScreen } from "./wrong-screen";

export interface AnswerSyncPromptOptions {
  readonly state: RecorderState;
  /** True: sync the new password to the connected cameras. */
  readonly sync: boolean;
}

export type AnswerSyncPromptOutcome = { readonly kind: "synced" } | { readonly kind: "not-synced" } | WrongScreen;

/** The last step: "synced" when the owner syncs the cameras, "success" when they skip it. */
export function answerSyncPrompt({ state, sync }: AnswerSyncPromptOptions): RecorderResult<AnswerSyncPromptOutcome> {
  if (state.screen !== "sync-prompt") return wrongScreen(state);
  return sync
    ? { state: { ...state, screen: "synced" }, outcome: { kind: "synced" }, message: "The new password was synced to the connected cameras." }
    : { state: { ...state, screen: "success" }, outcome: { kind: "not-synced" }, message: "The password was changed. Cameras keep their own passwords." };
}
