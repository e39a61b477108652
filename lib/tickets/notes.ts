import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type TicketActor, viewScope } from "./rules";

/**
 * An internal note (never sent to the customer); audited with its length, not its text. A note
 * to the reviewer is marked so the supervisor's page shows it first among the evidence.
 */
export async function addTicketNote(options: { db: Db; actor: TicketActor; ticketId: string; body: string; toReviewer?: boolean }) {
  const { db, actor } = options;
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: { id: options.ticketId, ...viewScope(actor) }, select: { id: true, serial: true } });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket.");
    const note = await tx.ticketNote.create({ data: { ticketId: ticket.id, authorId: actor.id, body: options.body, toReviewer: options.toReviewer ?? false } });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "ticket.note_added",
      details: { noteId: note.id, length: options.body.length, toReviewer: note.toReviewer },
    });
    return note;
  });
}

/** The ticket's notes as one thread, oldest first, for the ticket page and the review page. */
export async function listTicketNotes(options: { db: Db; ticketId: string }): Promise<ThreadNote[]> {
  const rows = await options.db.ticketNote.findMany({
    where: { ticketId: options.ticketId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, body: true, toReviewer: true, createdAt: true, author: { select: { name: true } } },
  });
  return rows.map((n) => ({ id: n.id, body: n.body, toReviewer: n.toReviewer, createdAt: n.createdAt, authorName: n.author.name }));
}

export type ThreadNote = { id: string; body: string; authorName: string; createdAt: Date; toReviewer: boolean };
