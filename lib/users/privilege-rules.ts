import type { Prisma } from "@/lib/generated/prisma/client";
import type { PrivilegeChange, PrivilegeRequestStatus, Role } from "@/lib/generated/prisma/enums";
import { ROLE_RANK } from "@/lib/auth/roles";
import { DAY_MS } from "@/lib/time";

// Four eyes on privileges, each rule written once. One admin alone must not be able to make a
// second pair of eyes (invite a supervisor at an address they hold, then approve their own
// exception from it): granting SUPERVISOR or ADMIN, re-activating a disabled user and inviting at
// those roles wait for a second admin, and whoever granted a role stays outside that user's
// approvals for a while. Browser-safe (type-only Prisma imports): the users page shows only the
// buttons the server will honour.

/** For this long after a grant, the user cannot approve tickets opened or sent by the admins who granted it. */
export const GRANT_COOLING_OFF_DAYS = 30;

/** A change an admin asks for, before it is known whether it needs a second admin. */
export type PrivilegeChangeRequest =
  { change: "ROLE"; from: Role; to: Role } | { change: "REACTIVATE" } | { change: "INVITE"; role: Role } | { change: "MFA_RESET" };

/** Roles that can approve exceptions or manage users: granting one takes two admins. */
export function isPrivilegedRole(role: Role): boolean {
  return role === "SUPERVISOR" || role === "ADMIN";
}

/**
 * Does this change wait for a second admin? Raising a user to SUPERVISOR or ADMIN (a demotion,
 * or ADMIN → SUPERVISOR, takes away and is immediate), inviting at those roles, and re-activating
 * anyone (a disabled account may have been disabled for a reason the requester wants to undo alone).
 */
export function needsSecondAdmin(request: PrivilegeChangeRequest): boolean {
  switch (request.change) {
    case "ROLE":
      return isPrivilegedRole(request.to) && ROLE_RANK[request.to] > ROLE_RANK[request.from];
    case "INVITE":
      return isPrivilegedRole(request.role);
    case "REACTIVATE":
    case "MFA_RESET":
      return true;
  }
}

export type PendingPrivilegeRequest = {
  status: PrivilegeRequestStatus;
  change: PrivilegeChange;
  requestedById: string;
  userId: string | null;
};

export type PrivilegeVerdict = { ok: true } | { ok: false; reason: "NOT_ADMIN" | "NOT_PENDING" | "OWN_REQUEST" | "CONCERNS_YOU"; message: string };

/**
 * May this admin approve or refuse the request? Only another admin than the one who asked, and
 * never the user it concerns; only while it is pending.
 */
export function canDecidePrivilegeRequest(request: PendingPrivilegeRequest, actor: { id: string; role: Role }): PrivilegeVerdict {
  if (actor.role !== "ADMIN") return { ok: false, reason: "NOT_ADMIN", message: "Only an admin can decide privilege requests." };
  if (request.status !== "PENDING") return { ok: false, reason: "NOT_PENDING", message: "This request was decided already." };
  if (request.requestedById === actor.id) {
    return { ok: false, reason: "OWN_REQUEST", message: "Four eyes: you asked for this change, so another admin must approve it." };
  }
  if (request.userId === actor.id)
    return { ok: false, reason: "CONCERNS_YOU", message: "This request changes your own account: another admin must decide it." };
  return { ok: true };
}

/**
 * Is `otherId` one of the admins who granted `granterIds`' user their role in the cooling-off
 * window? Used by the review rule (a ticket opened or handled by a granter) and by the send rule
 * (a granter sending what their grantee approved).
 */
export function isGranter(granterIds: readonly string[], otherId: string | null | undefined): boolean {
  return !!otherId && granterIds.includes(otherId);
}

export const GRANTER_MESSAGE = `Four eyes: an admin who granted your role in the last ${GRANT_COOLING_OFF_DAYS} days opened or handles this ticket. Ask another supervisor.`;

/**
 * The admins (requester and approver) of every privilege grant `userId` received in the last
 * GRANT_COOLING_OFF_DAYS days, read in the caller's transaction.
 */
export async function loadGranters(tx: Prisma.TransactionClient, userId: string, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - GRANT_COOLING_OFF_DAYS * DAY_MS);
  const grants = await tx.privilegeRequest.findMany({
    where: { userId, status: "APPROVED", decidedAt: { gt: since } },
    select: { requestedById: true, decidedById: true },
  });
  return [...new Set(grants.flatMap((g) => [g.requestedById, g.decidedById].filter((id): id is string => id !== null)))];
}
