import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { roleAtLeast } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { sameEmailAddress } from "@/lib/email-address";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { masterKeys } from "@/lib/keys/master-keys";
import { maskEmail } from "@/lib/privacy/mask-email";
import { canSendCode, loadSendFacts } from "@/lib/tickets/rules";
import { resetCodePayloadSchema } from "./payloads";

/** Who requeues: a supervisor or an admin (from the session guard). */
export type RequeueActor = { id: string; label: string; role: Role };

/** Only the reset-code email is tied to a ticket; it is the one the ticket page can requeue. */
const REQUEUABLE_KIND = "RESET_CODE";

/**
 * Puts one FAILED reset-code email of a ticket back in the queue, e.g. after the mail server was
 * fixed: PENDING, due now, a fresh attempt budget (attempts 0) and no lastError (the failure
 * stays in the audit chain as `email.failed`). Supervisors and admins only: an agent already has
 * the rate-limited resend, and a requeue is not counted by that limit.
 *
 * The send rule (canSendCode: ticket still SENT, recorder still ACTIVE, the challenge's
 * lifetime, four eyes) is checked now, plus the same challenge and destination, so a refusal is
 * clear now rather than another silent failure later. The worker re-checks all of it
 * again at send time. The status change is conditional (`WHERE status = FAILED`), so of two
 * requeues at once exactly one wins; it commits with its audit event.
 */
export async function requeueEmail(options: { db: Db; actor: RequeueActor; ip: string | null; ticketId: string; emailId: string; now?: Date }) {
  const { db, actor } = options;
  if (!roleAtLeast(actor.role, "SUPERVISOR")) throw new AppError("FORBIDDEN", "Only a supervisor or an admin can requeue an email.");
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const email = await tx.outboxEmail.findFirst({
      where: { id: options.emailId, ticketId: options.ticketId },
      select: { id: true, kind: true, to: true, status: true, attempts: true, payload: true, ticketId: true },
    });
    if (!email) throw new AppError("NOT_FOUND", "No such email on this ticket.");
    if (email.kind !== REQUEUABLE_KIND) throw new AppError("INVALID_STATE", "Only the security-code email can be requeued from a ticket.");
    if (email.status !== "FAILED") {
      throw new AppError(
        "INVALID_STATE",
        email.status === "SENT"
          ? "This email was delivered; there is nothing to requeue."
          : "This email is already queued for delivery (someone may have requeued it).",
      );
    }
    const ticket = await checkStillSendable(tx, { email, ticketId: options.ticketId, actorId: actor.id, now });

    const requeued = await tx.outboxEmail.updateMany({
      where: { id: email.id, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, lastError: null, lockedBy: null, lockedUntil: null },
    });
    if (requeued.count !== 1) throw new AppError("CONFLICT", "Someone else requeued this email first.");
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      action: "email.requeued",
      ip: options.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      details: { outboxId: email.id, kind: email.kind, to: maskEmail(email.to), previousAttempts: email.attempts },
    });
    return { emailId: email.id, ticketId: ticket.id };
  });
}

type FailedEmail = { id: string; to: string; payload: unknown };

/** What the send would refuse (canSendCode), refused now with words a supervisor can act on. */
async function checkStillSendable(tx: Prisma.TransactionClient, options: { email: FailedEmail; ticketId: string; actorId: string; now: Date }) {
  const { email } = options;
  const payload = resetCodePayloadSchema.safeParse(email.payload);
  if (!payload.success || payload.data.ticketId !== options.ticketId) throw new AppError("INVALID_STATE", "This email can never be sent as queued.");
  const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: options.ticketId }, select: { id: true, serial: true, challengeId: true } });
  const issue = await tx.codeIssue.findFirst({ where: { id: payload.data.codeIssueId, ticketId: ticket.id }, select: { destination: true } });
  if (!issue || !sameEmailAddress(issue.destination, email.to) || ticket.challengeId !== payload.data.challengeId) {
    throw new AppError("INVALID_STATE", "This email no longer matches the ticket's code issue; it can never be sent.");
  }
  const facts = (await loadSendFacts(tx, ticket.id))!;
  const verdict = canSendCode(facts, { stage: "requeue", actorId: options.actorId, keyVersions: masterKeys().versions, now: options.now });
  if (!verdict.ok) throw new AppError(verdict.error, verdict.message);
  // The code is the same in every reset email of a ticket: once another one is delivered or on
  // its way, requeuing this one would only send the owner a duplicate.
  const other = await tx.outboxEmail.findFirst({
    where: { ticketId: ticket.id, kind: REQUEUABLE_KIND, id: { not: email.id }, status: { in: ["PENDING", "SENDING", "SENT"] } },
    select: { status: true },
  });
  if (other) {
    throw new AppError(
      "INVALID_STATE",
      other.status === "SENT" ? "Another email with the same code was delivered already." : "Another email with the same code is already queued.",
    );
  }
  return ticket;
}
