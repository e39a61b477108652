import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { lockActiveAdmins } from "./lock-active-admins";

/**
 * Changes a user's role. Demoting an admin locks the active admins' rows first, so two admins
 * demoting each other at once cannot leave nobody able to manage users.
 */
export async function setUserRole(options: { db: Db; actor: AuditActor; ip: string; userId: string; role: Role }) {
  return options.db.$transaction(async (tx) => {
    const admins = options.role === "ADMIN" ? [] : await lockActiveAdmins(tx);
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { id: true, name: true, role: true, active: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    if (user.role === options.role) return user;
    if (user.role === "ADMIN" && user.active && admins.some((a) => a.id === user.id) && admins.length <= 1) {
      throw new AppError("CONFLICT", "The last active admin cannot be demoted. Make someone else an admin first.");
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: options.role }, select: { id: true, name: true, role: true, active: true } });
    await recordAudit(tx, {
      actor: options.actor,
      action: "user.role_changed",
      ip: options.ip,
      details: { userId: user.id, name: user.name, from: user.role, to: options.role },
    });
    return updated;
  });
}
