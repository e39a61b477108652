// Injected clocks are checked once here, so a bad caller fails loudly instead of corrupting state.

/** Throws TypeError unless `now` is a safe-integer number of ms. */
export function assertNow(now: number): void {
  if (!Number.isSafeInteger(now)) throw new TypeError("now must be an integer number of milliseconds");
}
