import "server-only";
import type { Db } from "@/lib/db/client";
import { flaggedReasonCodes } from "@/lib/tickets/checks/read-checks";

/** A queue longer than this is a staffing problem, not a paging one; the oldest come first anyway. */
const REVIEW_QUEUE_LIMIT = 200;

export type ReviewQueueRow = {
  id: string;
  number: number;
  createdAt: Date;
  expiresAt: Date | null;
  serial: string | null;
  customerName: string;
  createdByName: string;
  flagged: string[];
  /** The viewer opened it, so four eyes forbids them to decide it. */
  ownTicket: boolean;
};

/** Tickets waiting for a supervisor, the one whose challenge expires first on top (index (status, expiresAt)). */
export async function listReviewQueue(options: { db: Db; viewerId: string }): Promise<ReviewQueueRow[]> {
  const rows = await options.db.ticket.findMany({
    where: { status: "REVIEW" },
    orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    take: REVIEW_QUEUE_LIMIT,
    select: {
      id: true,
      number: true,
      createdAt: true,
      expiresAt: true,
      serial: true,
      customerName: true,
      checks: true,
      createdById: true,
      createdBy: { select: { name: true } },
    },
  });
  return rows.map(({ checks, createdBy, createdById, ...t }) => ({
    ...t,
    createdByName: createdBy.name,
    flagged: flaggedReasonCodes(checks),
    ownTicket: createdById === options.viewerId,
  }));
}

/**
 * Where "Approve and next" goes: the first ticket of the queue (same order as the page) that
 * `viewerId` may decide (not one they opened or handled), other than the one just decided; null
 * when none is left.
 */
export async function nextReviewTicketId(options: { db: Db; viewerId: string; afterTicketId: string }): Promise<string | null> {
  const next = await options.db.ticket.findFirst({
    where: {
      status: "REVIEW",
      id: { not: options.afterTicketId },
      createdById: { not: options.viewerId },
      OR: [{ assigneeId: null }, { assigneeId: { not: options.viewerId } }],
    },
    orderBy: [{ expiresAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return next?.id ?? null;
}
