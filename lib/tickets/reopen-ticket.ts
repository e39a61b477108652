import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { reopenRefusal, reopenStatus } from "./lifecycle-rules";
import { actingScope, type TicketActor } from "./rules";

/**
 * Reopens a resolved ticket with a reason: back to the status it had when resolved (EXPIRED if
 * its QR code lapsed meanwhile). The resolution is cleared on the ticket and kept in the audit log.
 */
export async function reopenTicket(options: { db: Db; actor: TicketActor; ticketId: string; reason: string; now?: Date }) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: options.ticketId, ...actingScope(actor) },
      select: {
        id: true,
        number: true,
        serial: true,
        status: true,
        resolvedFrom: true,
        resolution: true,
        expiresAt: true,
        challenge: { select: { firstSeenAt: true } },
      },
    });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket, or it is not yours to act on.");
    const refusal = reopenRefusal(ticket);
    if (refusal) throw new AppError("INVALID_STATE", refusal);
    const status = reopenStatus(ticket, now);
    const changed = await tx.ticket.updateMany({
      where: { id: ticket.id, status: "RESOLVED" },
      data: {
        status,
        resolution: null,
        resolutionNote: null,
        duplicateOfId: null,
        resolvedFrom: null,
        resolvedAt: null,
        resolvedById: null,
        // Lapsed while it was resolved: it expires now (one that was EXPIRED keeps its time).
        ...(status === "EXPIRED" && ticket.resolvedFrom !== "EXPIRED" ? { expiredAt: now } : {}),
      },
    });
    if (changed.count !== 1) throw new AppError("CONFLICT");
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "ticket.reopened",
      details: { ticket: ticket.number, to: status, was: ticket.resolution, reason: options.reason },
    });
    return { ticketId: ticket.id, status };
  });
}
