import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError, invalidInput } from "@/lib/errors";
import type { ResolveInput } from "@/lib/validation/tickets";
import { emitTicketEvent } from "@/lib/webhooks/emit-ticket-event";
import { resolveRefusal } from "./lifecycle-rules";
import { actingScope, type TicketActor } from "./rules";
import { ticketRef } from "./ticket-ref";

/**
 * Resolves a ticket with an outcome ("Duplicate of" names an existing other ticket; "Other"
 * carries a note). The status moves with a conditional update on the status read, so of two
 * concurrent transitions only one wins; the audit event commits with it.
 */
export async function resolveTicket(options: { db: Db; actor: TicketActor; input: ResolveInput; now?: Date }) {
  const { db, actor, input } = options;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: input.ticketId, ...actingScope(actor) },
      select: { id: true, number: true, serial: true, status: true, firstSentAt: true, escalatedAt: true },
    });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket, or it is not yours to act on.");
    const refusal = resolveRefusal(ticket, input.outcome);
    if (refusal) throw new AppError("INVALID_STATE", refusal);
    let duplicateOfId: string | null = null;
    if (input.outcome === "DUPLICATE") {
      const other = input.duplicateOfNumber === null ? null : await tx.ticket.findUnique({ where: { number: input.duplicateOfNumber }, select: { id: true } });
      if (!other) throw invalidInput({ duplicateOf: [`There is no ticket ${ticketRef(input.duplicateOfNumber ?? 0)}.`] });
      if (other.id === ticket.id) throw invalidInput({ duplicateOf: ["A ticket cannot be a duplicate of itself."] });
      duplicateOfId = other.id;
    }
    const changed = await tx.ticket.updateMany({
      where: { id: ticket.id, status: ticket.status, escalatedAt: null },
      data: {
        status: "RESOLVED",
        resolution: input.outcome,
        resolutionNote: input.note,
        duplicateOfId,
        resolvedFrom: ticket.status,
        resolvedAt: now,
        resolvedById: actor.id,
      },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT");
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "ticket.resolved",
      details: {
        ticket: ticket.number,
        from: ticket.status,
        outcome: input.outcome,
        duplicateOf: input.duplicateOfNumber === null ? null : ticketRef(input.duplicateOfNumber),
        noteLength: input.note?.length ?? 0,
      },
    });
    await emitTicketEvent(
      tx,
      "ticket.resolved",
      { ticket: { id: ticket.id, number: ticket.number, status: "RESOLVED", serial: ticket.serial }, facts: { outcome: input.outcome, from: ticket.status } },
      now,
    );
    return { ticketId: ticket.id, status: "RESOLVED" as const };
  });
}
