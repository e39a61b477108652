import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { throttleKeys } from "@/lib/auth/throttle";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Lifts a user's sign-in limits: the failure cap that locked the account, and the waits on it
 * from every address (the per-address counters across accounts stay: they protect everyone).
 */
export async function clearUserThrottle(options: { db: Db; actor: AuditActor; ip: string; userId: string }) {
  return options.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { id: true, name: true, email: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    const { account, pairPrefix } = throttleKeys(user.email, "");
    const { count } = await tx.signInThrottle.deleteMany({ where: { OR: [{ key: account }, { key: { startsWith: pairPrefix } }] } });
    await recordAudit(tx, {
      actor: options.actor,
      action: "user.throttle_cleared",
      ip: options.ip,
      details: { userId: user.id, name: user.name, cleared: count },
    });
    return { user, cleared: count };
  });
}
