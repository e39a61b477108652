import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { emitTicketEvent } from "@/lib/webhooks/emit-ticket-event";
import { AppError } from "@/lib/errors";
import type { CheckResult } from "./checks/types";
import { escalateRefusal, escalationKind } from "./lifecycle-rules";
import { actingScope, type TicketActor } from "./rules";

/**
 * Hands a ticket to the supervisors with an optional note. The ticket's escalatedAt moves from
 * null in a conditional update, so two people escalating at once open one escalation, not two.
 * The note is internal (never sent to the customer) and audited by its length only.
 */
export async function escalateTicket(options: { db: Db; actor: TicketActor; ticketId: string; note?: string | null; now?: Date }) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: options.ticketId, ...actingScope(actor) },
      select: { id: true, number: true, serial: true, status: true, firstSentAt: true, escalatedAt: true, checks: true, device: { select: { status: true } } },
    });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket, or it is not yours to act on.");
    const refusal = escalateRefusal(ticket);
    if (refusal) throw new AppError("INVALID_STATE", refusal);
    const changed = await tx.ticket.updateMany({ where: { id: ticket.id, escalatedAt: null, status: { not: "RESOLVED" } }, data: { escalatedAt: now } });
    if (changed.count !== 1) throw new AppError("CONFLICT", "Someone escalated or resolved this ticket first. Reload to see it.");
    const kind = escalationKind(ticket.checks as CheckResult[], ticket.device?.status ?? null);
    const escalation = await tx.escalation.create({
      data: { ticketId: ticket.id, kind, note: options.note ?? null, createdById: actor.id, createdAt: now },
      select: { id: true, kind: true },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "ticket.escalated",
      details: { ticket: ticket.number, escalationId: escalation.id, kind, noteLength: options.note?.length ?? 0 },
    });
    await emitTicketEvent(
      tx,
      "ticket.escalated",
      { ticket: { id: ticket.id, number: ticket.number, status: ticket.status, serial: ticket.serial }, facts: { kind, escalationId: escalation.id } },
      now,
    );
    return { escalationId: escalation.id, kind: escalation.kind };
  });
}
