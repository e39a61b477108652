import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { enqueueEmail } from "@/lib/outbox/enqueue-email";
import { maskEmail } from "@/lib/privacy/mask-email";
import { INVITATION_TTL_MS } from "./invitation-link";
import { needsSecondAdmin } from "./privilege-rules";
import { requestPrivilegeChange } from "./request-privilege-change";

type Invite = { actor: AuditActor & { id: string }; ip: string | null; email: string; name: string; role: Role; now?: Date };

function refuseExisting(): never {
  throw new AppError("CONFLICT", "A user with this email already exists.", { email: ["A user with this email already exists."] });
}

/**
 * Invites a user. An agent is created at once; a supervisor or admin only once a second admin
 * approves (`pending: true`: nothing is created and no mail leaves until then).
 */
export async function inviteUser(options: { db: Db } & Invite) {
  const email = normalizeEmailAddress(options.email);
  return options.db.$transaction(async (tx) => {
    if (needsSecondAdmin({ change: "INVITE", role: options.role })) {
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) refuseExisting();
      const request = await requestPrivilegeChange(tx, options.actor, options.ip, { change: "INVITE", email, name: options.name, role: options.role });
      return { pending: true as const, requestId: request.id };
    }
    return { pending: false as const, ...(await createInvitedUser(tx, { ...options, email })) };
  });
}

/**
 * Creates the user without a password and an invitation; the INVITATION email (payload: the
 * invitation id only, the link is derived when it is rendered) leaves through the outbox in the
 * same transaction.
 */
export async function createInvitedUser(tx: Prisma.TransactionClient, options: Invite & { approvedBy?: AuditActor & { id: string }; requestId?: string }) {
  const email = normalizeEmailAddress(options.email);
  const now = options.now ?? new Date();
  if (await tx.user.findUnique({ where: { email }, select: { id: true } })) refuseExisting();
  const user = await tx.user.create({ data: { email, name: options.name, role: options.role, passwordHash: null } });
  const inviter = options.approvedBy ?? options.actor;
  const invitation = await tx.invitation.create({
    data: { userId: user.id, createdById: inviter.id, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
  });
  await enqueueEmail(tx, { kind: "INVITATION", to: email, payload: { invitationId: invitation.id }, idempotencyKey: `invitation:${invitation.id}` });
  await recordAudit(tx, {
    actor: inviter,
    action: "user.invited",
    ip: options.ip,
    details: {
      userId: user.id,
      email: maskEmail(email),
      role: options.role,
      invitationId: invitation.id,
      ...(options.requestId ? { requestId: options.requestId, requestedBy: options.actor.id } : {}),
    },
  });
  return { user, invitation };
}
