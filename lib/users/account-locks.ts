import "server-only";
import { ACCOUNT_FAILURE_CAP, throttleKeys } from "@/lib/auth/throttle";
import type { Db } from "@/lib/db/client";

/**
 * Which of these accounts are blocked from signing in until an admin clears them: the one place
 * the users list asks (the model lives in lib/auth/throttle.ts). Sign-in slows down with delays
 * that end by themselves; only an account that reached ACCOUNT_FAILURE_CAP failures in 30 days
 * is blocked, and stays so until "Clear sign-in lock". Per-address delays are not a user's.
 */
export async function accountLocks(options: { db: Db; users: { id: string; email: string }[] }): Promise<Set<string>> {
  const byKey = new Map(options.users.map((u) => [throttleKeys(u.email, "").account, u.id]));
  if (!byKey.size) return new Set();
  const rows = await options.db.signInThrottle.findMany({
    where: { key: { in: [...byKey.keys()] }, failures: { gte: ACCOUNT_FAILURE_CAP } },
    select: { key: true },
  });
  return new Set(rows.map((r) => byKey.get(r.key)!));
}
