import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { roleAtLeast } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TicketActor } from "@/lib/tickets/rules";

/**
 * A supervisor closes (handles) an escalation with a note: the escalation closes and the ticket
 * is no longer escalated, in one transaction with conditional updates, so two closes cannot both
 * win. Taking it first is not required; whoever closes it is recorded.
 */
export async function closeEscalation(options: { db: Db; actor: TicketActor; escalationId: string; note: string; now?: Date }) {
  const { db, actor } = options;
  if (!roleAtLeast(actor.role, "SUPERVISOR")) throw new AppError("FORBIDDEN", "Escalations are handled by supervisors.");
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const escalation = await tx.escalation.findUnique({
      where: { id: options.escalationId },
      select: { id: true, closedAt: true, takenById: true, ticket: { select: { id: true, number: true, serial: true } } },
    });
    if (!escalation) throw new AppError("NOT_FOUND", "No such escalation.");
    if (escalation.closedAt) throw new AppError("CONFLICT", "This escalation is already closed.");
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
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: escalation.ticket.id,
      serial: escalation.ticket.serial,
      action: "escalation.closed",
      details: { ticket: escalation.ticket.number, escalationId: escalation.id, note: options.note },
    });
    return { ticketId: escalation.ticket.id };
  });
}
