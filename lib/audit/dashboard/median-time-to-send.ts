import "server-only";
import type { Db } from "@/lib/db/client";

/** Median seconds from opening a ticket to its first code going out, over tickets opened since `since`; null if none was sent. */
export async function medianTimeToSend(options: { db: Db; since: Date }): Promise<{ medianSeconds: number | null; sent: number }> {
  const [row] = await options.db.$queryRaw<{ median: number | null; sent: number }[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM ("firstSentAt" - "createdAt")))::float8 AS "median",
           count(*)::int AS "sent"
    FROM "Ticket" WHERE "createdAt" >= ${options.since}::timestamptz AND "firstSentAt" IS NOT NULL`;
  return { medianSeconds: row?.median ?? null, sent: row?.sent ?? 0 };
}
