import "server-only";
import type { Db } from "@/lib/db/client";
import { sameEmailAddress } from "@/lib/email-address";
import { parseTicketRef } from "@/lib/tickets/ticket-ref";

const OUTBOX_ID = /^<?outbox\.([0-9a-f-]{36})@/i;
const SUBJECT_REF = /\[(RT-\d{1,9})\]/i;

/**
 * The ticket a message answers, if any: a Message-ID it names in In-Reply-To or References
 * (an email we received, or one the outbox sent), else a `[RT-000042]` tag in its subject; and
 * only if the sender is the ticket's requester. Ticket numbers are sequential and Message-IDs
 * travel in every reply, so anyone else could otherwise write into a stranger's ticket (and set
 * the subject of the console's next reply to them): their mail opens a ticket of its own.
 */
export async function findThreadTicket(
  db: Db,
  message: { from: { address: string }; inReplyTo: string | null; references: string[]; subject: string },
): Promise<{ id: string; number: number } | null> {
  const ticket = await referencedTicket(db, message);
  return ticket && sameEmailAddress(ticket.customerEmail, message.from.address) ? { id: ticket.id, number: ticket.number } : null;
}

type ThreadTicket = { id: string; number: number; customerEmail: string };

async function referencedTicket(db: Db, message: { inReplyTo: string | null; references: string[]; subject: string }): Promise<ThreadTicket | null> {
  const ids = [...new Set([message.inReplyTo, ...message.references].filter((v): v is string => !!v))].slice(0, 50);
  if (ids.length) {
    const inbound = await db.inboundMessage.findFirst({
      where: { messageId: { in: ids }, ticketId: { not: null } },
      select: { ticket: { select: { id: true, number: true, customerEmail: true } } },
      orderBy: { createdAt: "desc" },
    });
    if (inbound?.ticket) return inbound.ticket;
    const outboxIds = ids.map((id) => OUTBOX_ID.exec(id)?.[1]).filter((v): v is string => !!v);
    if (outboxIds.length) {
      const sent = await db.outboxEmail.findFirst({
        where: { id: { in: outboxIds }, ticketId: { not: null } },
        select: { ticket: { select: { id: true, number: true, customerEmail: true } } },
      });
      if (sent?.ticket) return sent.ticket;
    }
  }
  const tag = SUBJECT_REF.exec(message.subject)?.[1];
  const number = tag ? parseTicketRef(tag) : null;
  return number ? db.ticket.findUnique({ where: { number }, select: { id: true, number: true, customerEmail: true } }) : null;
}
