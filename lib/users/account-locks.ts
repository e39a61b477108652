import "server-only";
import { throttleKeys } from "@/lib/auth/throttle";
import type { Db } from "@/lib/db/client";

/**
 * Which of these accounts are locked out of signing in now, and until when: the one place the
 * users list asks (the lock model lives in lib/auth/throttle.ts; should it change, only this
 * answer changes). Per-account locks only: per-IP counters protect everyone and are not a user's.
 */
export async function accountLocks(options: { db: Db; users: { id: string; email: string }[]; now?: Date }): Promise<Map<string, Date>> {
  const now = options.now ?? new Date();
  const byKey = new Map(options.users.map((u) => [throttleKeys(u.email, "").account, u.id]));
  if (!byKey.size) return new Map();
  const rows = await options.db.signInThrottle.findMany({
    where: { key: { in: [...byKey.keys()] }, lockedUntil: { gt: now } },
    select: { key: true, lockedUntil: true },
  });
  return new Map(rows.map((r) => [byKey.get(r.key)!, r.lockedUntil!]));
}
