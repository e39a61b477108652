import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { roleAtLeast } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TicketActor } from "@/lib/tickets/rules";

/** A supervisor takes an open escalation (one taker: a conditional update on takenById null). */
export async function takeEscalation(options: { db: Db; actor: TicketActor; escalationId: string; now?: Date }) {
  const { db, actor } = options;
  if (!roleAtLeast(actor.role, "SUPERVISOR")) throw new AppError("FORBIDDEN", "Escalations are handled by supervisors.");
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const escalation = await tx.escalation.findUnique({
      where: { id: options.escalationId },
      select: { id: true, closedAt: true, takenById: true, ticket: { select: { id: true, number: true, serial: true } } },
    });
    if (!escalation) throw new AppError("NOT_FOUND", "No such escalation.");
    if (escalation.closedAt) throw new AppError("INVALID_STATE", "This escalation is already closed.");
    if (escalation.takenById) throw new AppError("CONFLICT", escalation.takenById === actor.id ? "You already took it." : "Another supervisor took it first.");
    const changed = await tx.escalation.updateMany({
      where: { id: escalation.id, takenById: null, closedAt: null },
      data: { takenById: actor.id, takenAt: now },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT", "Another supervisor took it first.");
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: escalation.ticket.id,
      serial: escalation.ticket.serial,
      action: "escalation.taken",
      details: { ticket: escalation.ticket.number, escalationId: escalation.id },
    });
    return { ticketId: escalation.ticket.id };
  });
}
