import "server-only";
import { emitTicketEvent } from "@/lib/webhooks/emit-ticket-event";
import { recordAudit } from "@/lib/audit/record-audit";
import { roleAtLeast } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { sameEmailAddress } from "@/lib/email-address";
import { AppError, parseInput } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { maskEmail } from "@/lib/privacy/mask-email";
import { loadGranters } from "@/lib/users/privilege-rules";
import { canDecideReview, decideReviewSchema, type DecideReviewInput } from "./review-rules";

export type ReviewActor = { id: string; label: string; role: Role };

export type ReviewOutcome = { ticketId: string; ticketNumber: number; status: "APPROVED" | "REFUSED"; approvalId: string };

/**
 * A supervisor's decision on a ticket waiting for review. The status moves REVIEW → APPROVED or
 * REFUSED with a conditional update inside the transaction, so of two supervisors deciding at
 * once exactly one wins (the other gets CONFLICT); the Approval row and the audit event commit
 * with it. The ticket's own author can never decide it, whatever their role.
 */
export async function decideReview(options: {
  db: Db;
  actor: ReviewActor;
  ip: string | null;
  ticketId: string;
  decision: DecideReviewInput["decision"];
  reason?: string;
  /** Another address than the owner of record (approval only; needs a longer reason). */
  destination?: string;
}): Promise<ReviewOutcome> {
  const { db, actor, ip } = options;
  if (!roleAtLeast(actor.role, "SUPERVISOR")) throw new AppError("FORBIDDEN");
  // The review rules (a refusal says why; another address needs a longer reason) are checked
  // here, so no caller can skip them.
  const input = parseInput(decideReviewSchema, {
    ticketId: options.ticketId,
    decision: options.decision,
    reason: options.reason ?? "",
    destination: options.destination,
  });

  const author = await db.ticket.findUnique({ where: { id: input.ticketId }, select: { createdById: true, assigneeId: true, serial: true } });
  if (!author) throw new AppError("NOT_FOUND");
  const now = new Date();
  const granters = await db.$transaction((tx) => loadGranters(tx, actor.id, now));
  const verdict = canDecideReview(author, actor.id, granters);
  if (!verdict.ok) {
    // Recorded on its own: the attempt matters even though nothing changes.
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { id: actor.id, label: actor.label },
        action: "auth.denied",
        ip,
        ticketId: input.ticketId,
        serial: author.serial,
        details: { what: verdict.what, decision: input.decision },
      }),
    );
    throw new AppError("FORBIDDEN", verdict.message);
  }

  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUniqueOrThrow({
      where: { id: input.ticketId },
      select: { id: true, number: true, status: true, serial: true, expiresAt: true, device: { select: { owner: { select: { email: true } } } } },
    });
    if (ticket.status !== "REVIEW") throw new AppError("CONFLICT", "This ticket is no longer waiting for review: someone decided it first.");
    if (input.decision === "APPROVE" && ticket.expiresAt && ticket.expiresAt.getTime() <= Date.now()) {
      throw new AppError("INVALID_STATE", "The recorder's challenge has expired: refuse this ticket and ask the owner for a new QR code.");
    }
    const ownerEmail = ticket.device?.owner?.email ?? null;
    const toOwner = input.destination !== undefined && ownerEmail !== null && sameEmailAddress(input.destination, ownerEmail);
    const alternate = input.decision === "APPROVE" && input.destination && !toOwner ? input.destination : null;
    const status = input.decision === "APPROVE" ? "APPROVED" : "REFUSED";
    // The guard against a double decision: only a row still in REVIEW (and not the actor's own,
    // nor one a granter of the actor's role opened or took since) changes.
    const excluded = [actor.id, ...granters];
    const changed = await tx.ticket.updateMany({
      where: { id: ticket.id, status: "REVIEW", createdById: { notIn: excluded }, OR: [{ assigneeId: null }, { assigneeId: { notIn: excluded } }] },
      data: { status, approvedDestination: alternate },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "This ticket is no longer waiting for review: someone decided it first.");
    const approval = await tx.approval.create({
      data: { ticketId: ticket.id, supervisorId: actor.id, decision: input.decision, reason: input.reason, destination: alternate },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      action: input.decision === "APPROVE" ? "review.approved" : "review.refused",
      ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      details: {
        ticket: ticket.number,
        reason: input.reason,
        alternateDestination: alternate !== null,
        // Masked: the audit log is read widely and kept forever; the full address is on the ticket.
        destination: alternate ? maskEmail(alternate) : null,
      },
    });
    await emitTicketEvent(tx, "ticket.decided", {
      ticket: { id: ticket.id, number: ticket.number, status, serial: ticket.serial },
      facts: { decision: input.decision, decidedBy: "supervisor" },
    });
    return { ticketId: ticket.id, ticketNumber: ticket.number, status, approvalId: approval.id };
  });
}
