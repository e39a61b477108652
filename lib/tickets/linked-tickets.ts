import "server-only";
import type { Db } from "@/lib/db/client";
import type { TicketActor } from "./rules";
import { viewScope } from "./rules";

const LINK_SELECT = { id: true, number: true, status: true, createdAt: true } as const;
const LINK_LIMIT = 50;

/**
 * Tickets linked to this one, as the viewer may see them: others for the same challenge (the
 * same QR code; both tickets show each other, since the link is the shared challenge), the ticket
 * this one duplicates, and the tickets resolved as duplicates of this one.
 */
export async function listLinkedTickets(options: {
  db: Db;
  actor: Pick<TicketActor, "id" | "role">;
  ticket: { id: string; challengeId: string | null; duplicateOfId: string | null };
}) {
  const { db, actor, ticket } = options;
  const scope = viewScope(actor);
  const [sameChallenge, duplicateOf, duplicates] = await Promise.all([
    ticket.challengeId
      ? db.ticket.findMany({
          where: { AND: [scope, { challengeId: ticket.challengeId, id: { not: ticket.id } }] },
          orderBy: { number: "asc" },
          take: LINK_LIMIT,
          select: LINK_SELECT,
        })
      : Promise.resolve([]),
    ticket.duplicateOfId ? db.ticket.findFirst({ where: { AND: [scope, { id: ticket.duplicateOfId }] }, select: LINK_SELECT }) : Promise.resolve(null),
    db.ticket.findMany({ where: { AND: [scope, { duplicateOfId: ticket.id }] }, orderBy: { number: "asc" }, take: LINK_LIMIT, select: LINK_SELECT }),
  ]);
  return { sameChallenge, duplicateOf, duplicates };
}

export type LinkedTickets = Awaited<ReturnType<typeof listLinkedTickets>>;
