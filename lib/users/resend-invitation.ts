import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/outbox/enqueue-email";
import { maskEmail } from "@/lib/privacy/mask-email";
import { INVITATION_TTL_MS } from "./invitation-link";

/**
 * Issues a fresh invitation (new id, so a new link) for a user who has not set a password yet,
 * and expires the earlier ones so only the newest link works.
 */
export async function resendInvitation(options: { db: Db; actor: AuditActor; ip: string; userId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: options.userId }, select: { id: true, email: true, name: true, active: true, passwordHash: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    if (user.passwordHash !== null) throw new AppError("INVALID_STATE", "This user has already set a password.");
    if (!user.active) throw new AppError("INVALID_STATE", "Enable the user before resending the invitation.");
    await tx.invitation.updateMany({ where: { userId: user.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const invitation = await tx.invitation.create({
      data: { userId: user.id, createdById: options.actor.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    await enqueueEmail(tx, { kind: "INVITATION", to: user.email, payload: { invitationId: invitation.id }, idempotencyKey: `invitation:${invitation.id}` });
    await recordAudit(tx, {
      actor: options.actor,
      action: "user.invitation_resent",
      ip: options.ip,
      details: { userId: user.id, email: maskEmail(user.email), invitationId: invitation.id },
    });
    return { user, invitation };
  });
}
