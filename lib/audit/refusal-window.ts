// Anonymous refusals are counted in fixed windows (the same boundaries on every instance).
export const REFUSAL_WINDOW_MS = 5 * 60 * 1000;
/**
 * How many anonymous refusals per window, across all IPs, get an audit event of their own (the
 * first per action, reason and IP). Past it they are only counted, in one summary per action.
 * So per window the chain takes at most 2 × this + one summary per refused action.
 */
export const REFUSALS_AUDITED_PER_WINDOW = 50;

export function refusalWindowStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / REFUSAL_WINDOW_MS) * REFUSAL_WINDOW_MS);
}

/** The tally row that counts a window's audited firsts (no real action has this name). */
export const REFUSAL_BUDGET_ACTION = "(audited in window)";

export const REFUSALS_SUMMARY_ACTION = "auth.refusals_summarised";
