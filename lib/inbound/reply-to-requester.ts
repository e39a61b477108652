import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/outbox/enqueue-email";
import { maskEmail } from "@/lib/privacy/mask-email";
import { actingScope, type TicketActor } from "@/lib/tickets/rules";
import { ticketRef } from "@/lib/tickets/ticket-ref";

/** The subject of a reply: the customer's own subject with "Re:" once, and the ticket tag that threads their answer back. */
export function replySubject(original: string | null, number: number): string {
  const ref = `[${ticketRef(number)}]`;
  const base = (original ?? "").replace(/^\s*((re|aw|sv|fw|fwd)\s*:\s*)+/i, "").trim() || "Your password reset request";
  return `Re: ${base.includes(ref) ? base : `${base} ${ref}`}`.slice(0, 300);
}

/**
 * An agent answers the requester (who may not be the owner: it goes to the ticket's customer
 * address, never a code) through the outbox, threaded under the last email they sent. Only who
 * may act on the ticket may write (`actingScope`, the one rule); audited in the same transaction.
 */
export async function replyToRequester(options: { db: Db; actor: TicketActor; ticketId: string; body: string }) {
  const { db, actor } = options;
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: options.ticketId, ...actingScope(actor) },
      select: { id: true, number: true, serial: true, customerEmail: true },
    });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket, or it is not yours to act on.");
    const last = await tx.inboundMessage.findFirst({
      where: { ticketId: ticket.id },
      orderBy: { acceptedAt: "desc" },
      select: { messageId: true, references: true, subject: true },
    });
    const references = last ? [...last.references, last.messageId].slice(-20).join(" ") : null;
    const row = await enqueueEmail(tx, {
      kind: "TICKET_REPLY",
      to: ticket.customerEmail,
      ticketId: ticket.id,
      idempotencyKey: `ticket-reply:${randomUUID()}`,
      payload: { body: options.body, subject: replySubject(last?.subject ?? null, ticket.number), inReplyTo: last?.messageId ?? null, references },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "ticket.reply_queued",
      details: { outboxId: row.id, to: maskEmail(ticket.customerEmail), threaded: last !== null, characters: options.body.length },
    });
    return { outboxId: row.id };
  });
}
