import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { lockActiveAdmins } from "./lock-active-admins";

/**
 * Disables or re-enables a user. Disabling revokes every session at once; the last active admin
 * cannot be disabled (nobody could manage users any more).
 */
export async function setUserActive(options: { db: Db; actor: AuditActor; ip: string; userId: string; active: boolean }) {
  return options.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { id: true, name: true, role: true, active: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    if (user.active === options.active) return user;
    if (!options.active && user.role === "ADMIN") {
      const admins = await lockActiveAdmins(tx);
      if (admins.length <= 1) throw new AppError("CONFLICT", "The last active admin cannot be disabled. Make someone else an admin first.");
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { active: options.active } });
    if (!options.active) await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actor: options.actor,
      action: options.active ? "user.enabled" : "user.disabled",
      ip: options.ip,
      details: { userId: user.id, name: user.name },
    });
    return updated;
  });
}
