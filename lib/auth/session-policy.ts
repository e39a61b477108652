import { env } from "@/lib/env";

/** A session ends 12 hours after sign-in whatever happens, and after SESSION_IDLE_MINUTES (30) idle minutes. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

export function sessionIdleTimeoutMs(): number {
  return env().SESSION_IDLE_MINUTES * 60 * 1000;
}
/** Activity is written back at most this often, to keep reads cheap. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;
