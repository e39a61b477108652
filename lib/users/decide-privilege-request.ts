import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { maskEmail } from "@/lib/privacy/mask-email";
import { createInvitedUser } from "./invite-user";
import { canDecidePrivilegeRequest } from "./privilege-rules";
import { applyFactorReset } from "./reset-user-factors";
import { applyUserActive } from "./set-user-active";
import { applyUserRole } from "./set-user-role";

export type PrivilegeDecider = { id: string; label: string; role: Role };

/**
 * A second admin approves or refuses a pending privilege request. The rule (not the requester,
 * not the user it concerns) is canDecidePrivilegeRequest; a refused attempt is audited as
 * `auth.denied`. An approval applies the change in the same transaction (audited as done by the
 * requester, approved by the decider) and records who granted it, which the review and send
 * rules read for the cooling-off period. Of two admins deciding at once exactly one wins.
 */
export async function decidePrivilegeRequest(options: {
  db: Db;
  actor: PrivilegeDecider;
  ip: string | null;
  requestId: string;
  decision: "APPROVE" | "REFUSE";
  now?: Date;
}) {
  const { db, actor, ip } = options;
  const now = options.now ?? new Date();
  const request = await db.privilegeRequest.findUnique({ where: { id: options.requestId } });
  if (!request) throw new AppError("NOT_FOUND", "No such privilege request.");
  const verdict = canDecidePrivilegeRequest(request, actor);
  if (!verdict.ok) {
    if (verdict.reason === "OWN_REQUEST" || verdict.reason === "CONCERNS_YOU") {
      await db.$transaction((tx) =>
        recordAudit(tx, {
          actor: { id: actor.id, label: actor.label },
          action: "auth.denied",
          ip,
          details: { what: "privilege:four-eyes", requestId: request.id, decision: options.decision },
        }),
      );
    }
    throw new AppError(verdict.reason === "NOT_PENDING" ? "CONFLICT" : "FORBIDDEN", verdict.message);
  }

  return db.$transaction(async (tx) => {
    // Only a row still pending, and not the decider's own, changes: the guard against a double decision.
    const claimed = await tx.privilegeRequest.updateMany({
      where: { id: request.id, status: "PENDING", requestedById: { not: actor.id } },
      data: { status: options.decision === "APPROVE" ? "APPROVED" : "REFUSED", decidedById: actor.id, decidedAt: now },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "This request was decided already.");
    const requester = await tx.user.findUnique({ where: { id: request.requestedById }, select: { id: true, name: true, role: true, active: true } });
    const decider = { id: actor.id, label: actor.label };
    let userId = request.userId;
    if (options.decision === "APPROVE") {
      if (!requester || !requester.active || requester.role !== "ADMIN") {
        throw new AppError("CONFLICT", "The admin who asked is no longer an active admin: refuse this request.");
      }
      const asked = { actor: { id: requester.id, label: requester.name }, ip, approvedBy: decider, requestId: request.id };
      if (request.change === "ROLE") await applyUserRole(tx, { ...asked, userId: request.userId!, role: request.role! });
      else if (request.change === "REACTIVATE") await applyUserActive(tx, { ...asked, userId: request.userId!, active: true });
      else if (request.change === "MFA_RESET") await applyFactorReset(tx, { ...asked, userId: request.userId! });
      else {
        const { user } = await createInvitedUser(tx, { ...asked, email: request.email!, name: request.name!, role: request.role!, now });
        userId = user.id;
        await tx.privilegeRequest.update({ where: { id: request.id }, data: { userId } });
      }
    }
    await recordAudit(tx, {
      actor: decider,
      action: options.decision === "APPROVE" ? "privilege.approved" : "privilege.refused",
      ip,
      details: {
        requestId: request.id,
        change: request.change,
        userId,
        name: request.name,
        role: request.role,
        requestedBy: request.requestedById,
        ...(request.email ? { email: maskEmail(request.email) } : {}),
      },
    });
    return {
      requestId: request.id,
      change: request.change,
      name: request.name ?? "",
      role: request.role,
      userId,
      status: options.decision === "APPROVE" ? "APPROVED" : "REFUSED",
    };
  });
}
