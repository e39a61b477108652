// The virtual recorder (docs/protocol.md §7, Recorder): a pure state machine over
// JSON-serialisable state. createRecorderState boots one; press(state, action) does one thing to
// it. Server-side: making and checking challenges needs node:crypto via reset-protocol (client
// components may import types only).
export { LOCKOUT_MS, MAX_LOCKOUTS, MAX_WRONG_CODES, offeredActions, press } from "./machine";
export { createRecorderState, isValidClockOffset, MAX_CLOCK_OFFSET_MS, RecorderConfigError, recorderNow } from "./state";
export type { CreateRecorderStateOptions, RecorderNowOptions } from "./state";
export type {
  ActiveChallenge,
  Refusal,
  RecorderAction,
  RecorderActionType,
  RecorderIdentity,
  RecorderOutcome,
  RecorderOutcomes,
  RecorderResult,
  RecorderScreen,
  RecorderState,
} from "./types";
