import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type TicketActor, viewScope } from "./rules";

/**
 * Take or assign a ticket. Agents may take an unassigned ticket (or hand back their own);
 * supervisors and admins may assign anyone active.
 */
export async function assignTicket(options: { db: Db; actor: TicketActor; ticketId: string; assigneeId: string | null }) {
  const { db, actor, assigneeId } = options;
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: { id: options.ticketId, ...viewScope(actor) }, select: { id: true, serial: true, assigneeId: true } });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket.");
    if (actor.role === "AGENT") {
      const taking = assigneeId === actor.id && (ticket.assigneeId === null || ticket.assigneeId === actor.id);
      const handingBack = assigneeId === null && ticket.assigneeId === actor.id;
      if (!taking && !handingBack) throw new AppError("FORBIDDEN", "Agents can take unassigned tickets or hand back their own; ask a supervisor to reassign.");
    }
    let assigneeName: string | null = null;
    if (assigneeId) {
      const assignee = await tx.user.findFirst({ where: { id: assigneeId, active: true }, select: { name: true } });
      if (!assignee) throw new AppError("INVALID_INPUT", "Pick an active user.", { assigneeId: ["Pick an active user."] });
      assigneeName = assignee.name;
    }
    const changed = await tx.ticket.updateMany({ where: { id: ticket.id, assigneeId: ticket.assigneeId }, data: { assigneeId } });
    if (changed.count !== 1) throw new AppError("CONFLICT");
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "ticket.assigned",
      details: { from: ticket.assigneeId, to: assigneeId, toName: assigneeName },
    });
    return { assigneeId };
  });
}
