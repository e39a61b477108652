import { isValidClockOffset } from "./is-valid-clock-offset";
import type { RecorderResult, RecorderState } from "./types";

export interface SetClockOffsetOptions {
  readonly state: RecorderState;
  /** New recorder clock minus real time, in ms (integer, within ±MAX_CLOCK_OFFSET_MS). */
  readonly offsetMs: number;
}

export type SetClockOffsetOutcome = { readonly kind: "clock-set" } | { readonly kind: "invalid-offset" };

/** Sets the recorder clock, as a tester would in the simulator. An active nonce is kept. */
export function setClockOffset({ state, offsetMs }: SetClockOffsetOptions): RecorderResult<SetClockOffsetOutcome> {
  if (!isValidClockOffset(offsetMs)) return { state, outcome: { kind: "invalid-offset" }, message: "Invalid system time." };
  return { state: { ...state, clockOffsetMs: offsetMs }, outcome: { kind: "clock-set" }, message: "System time saved." };
}
