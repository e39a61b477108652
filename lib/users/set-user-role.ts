import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { lockActiveAdmins } from "./lock-active-admins";
import { needsSecondAdmin } from "./privilege-rules";
import { requestPrivilegeChange } from "./request-privilege-change";
import { STAFF_ONLY } from "@/lib/inbound/system-actor";

type RoleChange = { actor: AuditActor & { id: string }; ip: string | null; userId: string; role: Role };
const USER_FIELDS = { id: true, name: true, role: true, active: true } as const;

/**
 * Changes a user's role. Raising someone to SUPERVISOR or ADMIN only files a request for a second
 * admin (`pending: true`); lowering a role is immediate. Demoting an admin locks the active
 * admins' rows first, so two admins demoting each other at once cannot leave nobody able to
 * manage users.
 */
export async function setUserRole(options: { db: Db } & RoleChange) {
  return options.db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: options.userId, ...STAFF_ONLY }, select: USER_FIELDS });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    if (user.role !== options.role && needsSecondAdmin({ change: "ROLE", from: user.role, to: options.role })) {
      await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${user.id}::uuid FOR UPDATE`;
      const request = await requestPrivilegeChange(tx, options.actor, options.ip, { change: "ROLE", userId: user.id, name: user.name, role: options.role });
      return { user, pending: true as const, requestId: request.id };
    }
    return { user: await applyUserRole(tx, options), pending: false as const };
  });
}

/** The role change itself, in the caller's transaction: immediately, or when a second admin approves it. */
export async function applyUserRole(tx: Prisma.TransactionClient, options: RoleChange & { approvedBy?: AuditActor & { id: string }; requestId?: string }) {
  const admins = options.role === "ADMIN" ? [] : await lockActiveAdmins(tx);
  const user = await tx.user.findFirst({ where: { id: options.userId, ...STAFF_ONLY }, select: USER_FIELDS });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  if (user.role === options.role) return user;
  if (user.role === "ADMIN" && user.active && admins.some((a) => a.id === user.id) && admins.length <= 1) {
    throw new AppError("CONFLICT", "The last active admin cannot be demoted. Make someone else an admin first.");
  }
  const updated = await tx.user.update({ where: { id: user.id }, data: { role: options.role }, select: USER_FIELDS });
  await recordAudit(tx, {
    actor: options.approvedBy ?? options.actor,
    action: "user.role_changed",
    ip: options.ip,
    details: {
      userId: user.id,
      name: user.name,
      from: user.role,
      to: options.role,
      ...(options.requestId ? { requestId: options.requestId, requestedBy: options.actor.id } : {}),
    },
  });
  return updated;
}
