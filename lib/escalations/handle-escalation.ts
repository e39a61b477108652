import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { roleAtLeast } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TicketActor } from "@/lib/tickets/rules";

// A supervisor handles an escalation: takes it (optional), then closes it with a note. Each step
// is one transaction with a conditional update, so two supervisors cannot both win, and commits
// with its audit event.

type Handling = { db: Db; actor: TicketActor; escalationId: string; now?: Date };

async function openEscalation(tx: Prisma.TransactionClient, options: Handling) {
  if (!roleAtLeast(options.actor.role, "SUPERVISOR")) throw new AppError("FORBIDDEN", "Escalations are handled by supervisors.");
  const escalation = await tx.escalation.findUnique({
    where: { id: options.escalationId },
    select: { id: true, closedAt: true, takenById: true, ticket: { select: { id: true, number: true, serial: true } } },
  });
  if (!escalation) throw new AppError("NOT_FOUND", "No such escalation.");
  if (escalation.closedAt) throw new AppError("CONFLICT", "This escalation is already closed.");
  return escalation;
}

async function audit(tx: Prisma.TransactionClient, options: Handling, escalation: Awaited<ReturnType<typeof openEscalation>>, action: string, note?: string) {
  await recordAudit(tx, {
    actor: { id: options.actor.id, label: options.actor.label },
    ip: options.actor.ip,
    ticketId: escalation.ticket.id,
    serial: escalation.ticket.serial,
    action,
    details: { ticket: escalation.ticket.number, escalationId: escalation.id, ...(note === undefined ? {} : { note }) },
  });
}

/** A supervisor takes an open escalation (one taker: a conditional update on takenById null). */
export async function takeEscalation(options: Handling) {
  const { actor } = options;
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx) => {
    const escalation = await openEscalation(tx, options);
    if (escalation.takenById) throw new AppError("CONFLICT", escalation.takenById === actor.id ? "You already took it." : "Another supervisor took it first.");
    const changed = await tx.escalation.updateMany({
      where: { id: escalation.id, takenById: null, closedAt: null },
      data: { takenById: actor.id, takenAt: now },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "Another supervisor took it first.");
    await audit(tx, options, escalation, "escalation.taken");
    return { ticketId: escalation.ticket.id };
  });
}

/**
 * A supervisor closes (handles) an escalation with a note: the escalation closes and the ticket
 * is no longer escalated. Taking it first is not required; whoever closes it is recorded.
 */
export async function closeEscalation(options: Handling & { note: string }) {
  const { actor } = options;
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx) => {
    const escalation = await openEscalation(tx, options);
    const closed = await tx.escalation.updateMany({
      where: { id: escalation.id, closedAt: null },
      data: {
        closedAt: now,
        closedById: actor.id,
        closeNote: options.note,
        takenById: escalation.takenById ?? actor.id,
        takenAt: escalation.takenById ? undefined : now,
      },
    });
    if (closed.count !== 1) throw new AppError("CONFLICT", "This escalation is already closed.");
    await tx.ticket.updateMany({ where: { id: escalation.ticket.id, escalatedAt: { not: null } }, data: { escalatedAt: null } });
    await audit(tx, options, escalation, "escalation.closed", options.note);
    return { ticketId: escalation.ticket.id };
  });
}
