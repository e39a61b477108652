import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type TicketActor, viewScope } from "./rules";

/** An internal note (never sent to the customer); audited with its length, not its text. */
export async function addTicketNote(options: { db: Db; actor: TicketActor; ticketId: string; body: string }) {
  const { db, actor } = options;
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: { id: options.ticketId, ...viewScope(actor) }, select: { id: true, serial: true } });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket.");
    const note = await tx.ticketNote.create({ data: { ticketId: ticket.id, authorId: actor.id, body: options.body } });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "ticket.note_added",
      details: { noteId: note.id, length: options.body.length },
    });
    return note;
  });
}
