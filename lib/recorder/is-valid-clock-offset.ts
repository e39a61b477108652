import { MAX_CLOCK_OFFSET_MS } from "./constants";

/** True iff `offsetMs` is an integer number of ms within ±MAX_CLOCK_OFFSET_MS. */
export function isValidClockOffset(offsetMs: number): boolean {
  return Number.isSafeInteger(offsetMs) && Math.abs(offsetMs) <= MAX_CLOCK_OFFSET_MS;
}
