import "server-only";
import type { Db } from "@/lib/db/client";

/** More open escalations than this is a staffing problem; the oldest come first anyway. */
const ESCALATION_QUEUE_LIMIT = 200;

/** Open escalations, oldest first: what supervisors work through on /escalations. */
export async function listOpenEscalations(options: { db: Db }) {
  return options.db.escalation.findMany({
    where: { closedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: ESCALATION_QUEUE_LIMIT,
    select: {
      id: true,
      kind: true,
      note: true,
      createdAt: true,
      takenAt: true,
      createdBy: { select: { name: true } },
      takenBy: { select: { id: true, name: true } },
      ticket: { select: { id: true, number: true, serial: true, customerName: true, status: true } },
    },
  });
}

export type OpenEscalation = Awaited<ReturnType<typeof listOpenEscalations>>[number];

/** The nav badge and the dashboard alert: escalations waiting for a supervisor. */
export async function countOpenEscalations(options: { db: Db }): Promise<number> {
  return options.db.escalation.count({ where: { closedAt: null } });
}

/** A ticket's escalations, newest first, for its page. */
export async function listTicketEscalations(options: { db: Db; ticketId: string }) {
  return options.db.escalation.findMany({
    where: { ticketId: options.ticketId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      kind: true,
      note: true,
      createdAt: true,
      closedAt: true,
      closeNote: true,
      createdBy: { select: { name: true } },
      takenBy: { select: { name: true } },
      closedBy: { select: { name: true } },
    },
  });
}
