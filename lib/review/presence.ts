import "server-only";
import type { Db } from "@/lib/db/client";
import { SECOND_MS } from "@/lib/time";

/** How often an open review page says it is still open. */
export const PRESENCE_HEARTBEAT_MS = 15 * SECOND_MS;
/** A page not heard from for this long (two missed heartbeats and some slack) is gone. */
export const PRESENCE_EXPIRY_MS = 45 * SECOND_MS;

export type ReviewViewer = { userId: string; name: string; since: Date; seenAt: Date };

/**
 * The claim indicator's data: which other supervisors have this ticket's review page open. The
 * rows live in the database (ReviewPresence), so every app instance sees the same; a row counts
 * while its heartbeat is younger than PRESENCE_EXPIRY_MS (a closed laptop simply lapses).
 */
export async function listReviewViewers(options: { db: Db; ticketId: string; exceptUserId: string; now?: Date }): Promise<ReviewViewer[]> {
  const now = options.now ?? new Date();
  const rows = await options.db.reviewPresence.findMany({
    where: { ticketId: options.ticketId, userId: { not: options.exceptUserId }, seenAt: { gt: new Date(now.getTime() - PRESENCE_EXPIRY_MS) } },
    orderBy: { since: "asc" },
    select: { userId: true, since: true, seenAt: true, user: { select: { name: true } } },
  });
  return rows.map((r) => ({ userId: r.userId, name: r.user.name, since: r.since, seenAt: r.seenAt }));
}

/**
 * The page's heartbeat: marks `userId` as having the review page open (a new row, or a lapsed one
 * restarted, is announced on the live channel by the table's trigger; a plain heartbeat is not),
 * and answers who else has it open. Lapsed rows of this ticket are removed on the way.
 */
export async function touchReviewPresence(options: { db: Db; ticketId: string; userId: string; now?: Date }): Promise<ReviewViewer[]> {
  const { db, ticketId, userId } = options;
  const now = options.now ?? new Date();
  const lapsed = new Date(now.getTime() - PRESENCE_EXPIRY_MS);
  await db.$transaction(async (tx) => {
    // A lapsed row is deleted rather than refreshed, so coming back after a lapse is a new claim (announced).
    await tx.reviewPresence.deleteMany({ where: { ticketId, seenAt: { lte: lapsed } } });
    await tx.reviewPresence.upsert({
      where: { ticketId_userId: { ticketId, userId } },
      create: { ticketId, userId, since: now, seenAt: now },
      update: { seenAt: now },
    });
  });
  return listReviewViewers({ db, ticketId, exceptUserId: userId, now });
}

/** The page was left: the claim ends now rather than when it lapses (announced by the trigger). */
export async function leaveReviewPresence(options: { db: Db; ticketId: string; userId: string }): Promise<void> {
  await options.db.reviewPresence.deleteMany({ where: { ticketId: options.ticketId, userId: options.userId } });
}

/** Rows nobody will read again (the retention job's neighbour: kept tiny, never grows). */
export async function purgeLapsedPresence(options: { db: Db; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const { count } = await options.db.reviewPresence.deleteMany({ where: { seenAt: { lte: new Date(now.getTime() - PRESENCE_EXPIRY_MS) } } });
  return count;
}
