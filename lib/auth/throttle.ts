import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const THROTTLE_LOCK_MS = 15 * 60 * 1000;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const IP_FAILURE_LIMIT = 30;

/** Keys are hashed so the table never holds an email address. */
export function throttleKeys(email: string, ip: string) {
  const digest = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 32);
  return { account: `acct:${digest(normalizeEmailAddress(email))}`, ip: `ip:${digest(ip)}` };
}

export async function lockedUntil(db: Db, keys: string[], now = new Date()): Promise<Date | null> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
  const until = rows.map((r) => r.lockedUntil!.getTime());
  return until.length ? new Date(Math.max(...until)) : null;
}

/**
 * Counts a failure atomically (one upsert, safe across app instances) and locks at the limit.
 * Returns the count in the current window.
 */
export async function recordFailure(db: Db, key: string, limit: number, now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lockEnd = new Date(now.getTime() + THROTTLE_LOCK_MS);
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil")
    VALUES (${key}, 1, ${now}, ${limit <= 1 ? lockEnd : null})
    ON CONFLICT ("key") DO UPDATE SET
      "failures"    = CASE WHEN "SignInThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < ${windowStart} THEN ${now} ELSE "SignInThrottle"."windowStart" END,
      "lockedUntil" = CASE
        WHEN (CASE WHEN "SignInThrottle"."windowStart" < ${windowStart} THEN 1 ELSE "SignInThrottle"."failures" + 1 END) >= ${limit}
        THEN ${lockEnd} ELSE "SignInThrottle"."lockedUntil" END
    RETURNING "failures"`;
  return Number(rows[0]?.failures ?? 0);
}

export async function clearThrottle(db: Db, keys: string[]): Promise<number> {
  const { count } = await db.signInThrottle.deleteMany({ where: { key: { in: keys } } });
  return count;
}
