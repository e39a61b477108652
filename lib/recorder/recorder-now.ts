import { assertNow } from "./assert-now";
import type { RecorderState } from "./types";

export interface RecorderNowOptions {
  readonly state: RecorderState;
  /** Real time in ms (injected). */
  readonly now: number;
}

/** The recorder's own clock in ms: real time plus the offset a tester set. */
export function recorderNow({ state, now }: RecorderNowOptions): number {
  assertNow(now);
  return now + state.clockOffsetMs;
}
