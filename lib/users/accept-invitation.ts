import "server-only";
import { recordAnonymousRefusal } from "@/lib/audit/record-anonymous-refusal";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { verifyInvitationToken } from "./invitation-link";

const USED_OR_EXPIRED = "This invitation link has already been used or has expired. Ask an admin to send a new one.";

/**
 * Sets the invited user's password. The invitation is consumed with one conditional update
 * (unused and unexpired), so two submissions of the same link cannot both succeed.
 */
export async function acceptInvitation(options: { db: Db; ip: string; invitationId: string; token: string; password: string; now?: Date }) {
  const now = options.now ?? new Date();
  if (!verifyInvitationToken({ invitationId: options.invitationId, token: options.token })) {
    // Anyone can post made-up tokens as fast as they like: counted, audited at a bounded rate.
    await recordAnonymousRefusal({
      db: options.db,
      action: "user.invitation_rejected",
      reason: "bad_token",
      ip: options.ip,
      details: { invitationId: options.invitationId, reason: "bad_token" },
      now,
    });
    throw new AppError("NOT_FOUND", "This invitation link is not valid.");
  }
  const passwordHash = await hashPassword(options.password);
  const outcome = await options.db.$transaction(async (tx) => {
    const consumed = await tx.invitation.updateMany({
      where: { id: options.invitationId, usedAt: null, expiresAt: { gt: now }, user: { active: true, passwordHash: null } },
      data: { usedAt: now },
    });
    if (consumed.count !== 1) return null;
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: options.invitationId }, select: { userId: true } });
    const user = await tx.user.update({ where: { id: invitation.userId }, data: { passwordHash }, select: { id: true, name: true, email: true } });
    await recordAudit(tx, {
      actor: { id: user.id, label: user.name },
      action: "user.invitation_accepted",
      ip: options.ip,
      details: { userId: user.id, invitationId: options.invitationId },
    });
    return user;
  });
  if (!outcome) {
    await options.db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { id: null, label: "anonymous" },
        action: "user.invitation_rejected",
        ip: options.ip,
        details: { invitationId: options.invitationId, reason: "used_or_expired" },
      }),
    );
    throw new AppError("INVALID_STATE", USED_OR_EXPIRED);
  }
  return outcome;
}
