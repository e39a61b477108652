import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { enqueueEmail } from "@/lib/outbox/enqueue-email";
import { maskEmail } from "@/lib/privacy/mask-email";
import { INVITATION_TTL_MS } from "./invitation-link";

/**
 * Creates a user without a password and an invitation; the INVITATION email (payload: the
 * invitation id only, the link is derived when it is rendered) leaves through the outbox in the
 * same transaction.
 */
export async function inviteUser(options: { db: Db; actor: AuditActor; ip: string; email: string; name: string; role: Role; now?: Date }) {
  const email = normalizeEmailAddress(options.email);
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) throw new AppError("CONFLICT", "A user with this email already exists.", { email: ["A user with this email already exists."] });
    const user = await tx.user.create({ data: { email, name: options.name, role: options.role, passwordHash: null } });
    const invitation = await tx.invitation.create({
      data: { userId: user.id, createdById: options.actor.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
    });
    await enqueueEmail(tx, { kind: "INVITATION", to: email, payload: { invitationId: invitation.id }, idempotencyKey: `invitation:${invitation.id}` });
    await recordAudit(tx, {
      actor: options.actor,
      action: "user.invited",
      ip: options.ip,
      details: { userId: user.id, email: maskEmail(email), role: options.role, invitationId: invitation.id },
    });
    return { user, invitation };
  });
}
