import "server-only";
import type { Db } from "@/lib/db/client";
import { canActOnTicket, type TicketActor, viewScope } from "./rules";

/**
 * One ticket with what its page shows, and whether the viewer may act on it (canActOnTicket, the
 * one rule); null when it does not exist or is outside the viewer's scope.
 */
export async function getTicket(options: { db: Db; actor: Pick<TicketActor, "id" | "role">; ticketId: string }) {
  const ticket = await options.db.ticket.findFirst({
    where: { id: options.ticketId, ...viewScope(options.actor) },
    include: {
      challenge: { select: { text: true, firstSeenAt: true, recorderTime: true } },
      device: { select: { serial: true, model: true, status: true, owner: { select: { email: true, name: true } } } },
      createdBy: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      resolvedBy: { select: { name: true } },
      duplicateOf: { select: { id: true, number: true } },
      codeIssues: { orderBy: { issuedAt: "asc" }, select: { id: true, kind: true, destination: true, issuedAt: true, actor: { select: { name: true } } } },
    },
  });
  return ticket ? { ...ticket, canAct: canActOnTicket(ticket, options.actor) } : null;
}

export type TicketDetail = NonNullable<Awaited<ReturnType<typeof getTicket>>>;
