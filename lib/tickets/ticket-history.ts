import "server-only";
import type { Db } from "@/lib/db/client";
import type { IssueKind, TicketStatus } from "@/lib/generated/prisma/enums";
import type { TicketActor } from "./rules";
import { ticketRef } from "./ticket-ref";
import { viewScope } from "./rules";

/** Related tickets shown on a ticket's page; beyond this the card links to the search. */
export const HISTORY_LIMIT = 25;

export type RelatedTicket = {
  id: string;
  number: number;
  ref: string;
  createdAt: Date;
  status: TicketStatus;
  /** Same recorder (serial). */
  sameRecorder: boolean;
  /** Same QR challenge: the very same reset request opened twice. */
  sameChallenge: boolean;
  /** Same requester (customer email). */
  sameRequester: boolean;
  /** Codes issued on that ticket, oldest first (that one was issued, never the code). */
  codes: { kind: IssueKind; issuedAt: Date }[];
};

export type TicketHistory = {
  serial: string | null;
  /** The requester's address, only to search for all of their tickets (never shown). */
  requester: string;
  /** Newest first, each ticket once whatever it shares with this one. */
  tickets: RelatedTicket[];
  /** More related tickets exist than HISTORY_LIMIT. */
  more: boolean;
};

/**
 * The history behind a ticket: the other tickets for the same recorder, the same QR challenge or
 * the same requester, with the codes issued on each, only those the viewer may see
 * (`viewScope`). Null when the ticket itself is outside the viewer's scope or does not exist.
 * One query (serial, email and challenge each have an index), newest first.
 */
export async function ticketHistory(options: { db: Db; actor: Pick<TicketActor, "id" | "role">; ticketId: string }): Promise<TicketHistory | null> {
  const { db, actor, ticketId } = options;
  const scope = viewScope(actor);
  const ticket = await db.ticket.findFirst({
    where: { AND: [{ id: ticketId }, scope] },
    select: { id: true, serial: true, customerEmail: true, challengeId: true },
  });
  if (!ticket) return null;
  const same = [
    ...(ticket.serial ? [{ serial: ticket.serial }] : []),
    ...(ticket.challengeId ? [{ challengeId: ticket.challengeId }] : []),
    { customerEmail: ticket.customerEmail },
  ];
  const rows = await db.ticket.findMany({
    where: { AND: [scope, { id: { not: ticket.id } }, { OR: same }] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_LIMIT + 1,
    select: {
      id: true,
      number: true,
      createdAt: true,
      status: true,
      serial: true,
      challengeId: true,
      customerEmail: true,
      codeIssues: { orderBy: { issuedAt: "asc" }, select: { kind: true, issuedAt: true } },
    },
  });
  return {
    serial: ticket.serial,
    requester: ticket.customerEmail,
    more: rows.length > HISTORY_LIMIT,
    tickets: rows.slice(0, HISTORY_LIMIT).map((r) => ({
      id: r.id,
      number: r.number,
      ref: ticketRef(r.number),
      createdAt: r.createdAt,
      status: r.status,
      sameRecorder: !!ticket.serial && r.serial === ticket.serial,
      sameChallenge: !!ticket.challengeId && r.challengeId === ticket.challengeId,
      sameRequester: r.customerEmail === ticket.customerEmail,
      codes: r.codeIssues,
    })),
  };
}
