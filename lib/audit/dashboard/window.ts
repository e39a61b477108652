import { DAY_MS } from "@/lib/time";

/** The dashboard's horizon: volume, decisions, timing and the per-agent table. */
export const DASHBOARD_DAYS = 30;

/** Midnight UTC `days - 1` days before `now`'s day: a window of `days` whole UTC days ending today. */
export function windowStart(now: Date, days: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}
