import "server-only";
import type { Db } from "@/lib/db/client";
import type { Decision, TicketStatus } from "@/lib/generated/prisma/enums";
import { flaggedReasonCodes } from "@/lib/tickets/checks/read-checks";

/** Enough to see a pattern; the audit pages have the rest. */
const REQUESTER_HISTORY_LIMIT = 20;

export type RequesterTicket = {
  id: string;
  number: number;
  createdAt: Date;
  status: TicketStatus;
  decision: Decision;
  serial: string | null;
  createdByName: string;
  codesIssued: number;
  flagged: string[];
};

/**
 * The requester's other tickets, newest first: the same contact address (stored lower-cased and
 * trimmed at intake), any recorder. A requester asking for many recorders is the pattern a
 * supervisor should see before approving an exception (index on customerEmail).
 */
export async function requesterHistory(options: {
  db: Db;
  customerEmail: string;
  excludeTicketId: string;
}): Promise<{ tickets: RequesterTicket[]; more: boolean }> {
  const rows = await options.db.ticket.findMany({
    where: { customerEmail: options.customerEmail, id: { not: options.excludeTicketId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: REQUESTER_HISTORY_LIMIT + 1,
    select: {
      id: true,
      number: true,
      createdAt: true,
      status: true,
      decision: true,
      serial: true,
      checks: true,
      createdBy: { select: { name: true } },
      _count: { select: { codeIssues: true } },
    },
  });
  return {
    tickets: rows.slice(0, REQUESTER_HISTORY_LIMIT).map((r) => ({
      id: r.id,
      number: r.number,
      createdAt: r.createdAt,
      status: r.status,
      decision: r.decision,
      serial: r.serial,
      createdByName: r.createdBy.name,
      codesIssued: r._count.codeIssues,
      flagged: flaggedReasonCodes(r.checks),
    })),
    more: rows.length > REQUESTER_HISTORY_LIMIT,
  };
}
