import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockActiveAdmins } from "./lock-active-admins";
import { needsSecondAdmin } from "./privilege-rules";
import { requestPrivilegeChange } from "./request-privilege-change";
import { STAFF_ONLY } from "@/lib/inbound/system-actor";

type ActiveChange = { actor: AuditActor & { id: string }; ip: string | null; userId: string; active: boolean };
const USER_FIELDS = { id: true, name: true, role: true, active: true } as const;

/**
 * Disables or re-enables a user. Disabling is immediate and revokes every session at once (the
 * last active admin cannot be disabled: nobody could manage users any more); re-enabling only
 * files a request for a second admin (`pending: true`).
 */
export async function setUserActive(options: { db: Db } & ActiveChange) {
  return options.db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: options.userId, ...STAFF_ONLY }, select: USER_FIELDS });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    if (user.active !== options.active && options.active && needsSecondAdmin({ change: "REACTIVATE" })) {
      await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${user.id}::uuid FOR UPDATE`;
      const request = await requestPrivilegeChange(tx, options.actor, options.ip, { change: "REACTIVATE", userId: user.id, name: user.name });
      return { user, pending: true as const, requestId: request.id };
    }
    return { user: await applyUserActive(tx, options), pending: false as const };
  });
}

/** The change itself, in the caller's transaction: a disable at once, a re-enable when a second admin approves it. */
export async function applyUserActive(tx: Prisma.TransactionClient, options: ActiveChange & { approvedBy?: AuditActor & { id: string }; requestId?: string }) {
  const user = await tx.user.findFirst({ where: { id: options.userId, ...STAFF_ONLY }, select: USER_FIELDS });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  if (user.active === options.active) return user;
  if (!options.active && user.role === "ADMIN") {
    const admins = await lockActiveAdmins(tx);
    if (admins.length <= 1) throw new AppError("CONFLICT", "The last active admin cannot be disabled. Make someone else an admin first.");
  }
  const updated = await tx.user.update({ where: { id: user.id }, data: { active: options.active }, select: USER_FIELDS });
  if (!options.active) await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
  await recordAudit(tx, {
    actor: options.approvedBy ?? options.actor,
    action: options.active ? "user.enabled" : "user.disabled",
    ip: options.ip,
    details: { userId: user.id, name: user.name, ...(options.requestId ? { requestId: options.requestId, requestedBy: options.actor.id } : {}) },
  });
  return updated;
}
