import "server-only";
import type { Db } from "@/lib/db/client";

export type AgentHandleTime = { agentId: string; name: string; sent: number; p50Seconds: number; p90Seconds: number };
export type ReviewTime = { decided: number; p50Seconds: number | null; p90Seconds: number | null; waiting: number };

/**
 * Handle time per agent: seconds from opening a ticket to its first code going out (p50 and
 * p90), over the tickets each agent opened since `since` that got a code. Attributed to the
 * person who opened the ticket (the per-agent table's convention); a ticket that needed a
 * supervisor includes the time it waited for one, which `reviewTime` shows on its own.
 */
export async function handleTimes(options: { db: Db; since: Date }): Promise<AgentHandleTime[]> {
  return options.db.$queryRaw<AgentHandleTime[]>`
    SELECT t."createdById" AS "agentId", min(u."name") AS "name", count(*)::int AS "sent",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (t."firstSentAt" - t."createdAt")))::float8 AS "p50Seconds",
           percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (t."firstSentAt" - t."createdAt")))::float8 AS "p90Seconds"
    FROM "Ticket" t JOIN "User" u ON u."id" = t."createdById"
    WHERE t."createdAt" >= ${options.since}::timestamptz AND t."firstSentAt" IS NOT NULL
    GROUP BY t."createdById"
    ORDER BY min(u."name") ASC, t."createdById" ASC`;
}

/**
 * Time in review: seconds from a ticket being sent to review by the checks (it was opened so) to
 * the first supervisor decision (p50, p90), over the window's decided ones; and how many wait now.
 */
export async function reviewTime(options: { db: Db; since: Date }): Promise<ReviewTime> {
  const [[row], waiting] = await Promise.all([
    options.db.$queryRaw<{ decided: number; p50: number | null; p90: number | null }[]>`
      SELECT count(*)::int AS "decided",
             percentile_cont(0.5) WITHIN GROUP (ORDER BY "seconds")::float8 AS "p50",
             percentile_cont(0.9) WITHIN GROUP (ORDER BY "seconds")::float8 AS "p90"
      FROM (SELECT EXTRACT(EPOCH FROM (min(a."createdAt") - t."createdAt")) AS "seconds"
            FROM "Ticket" t JOIN "Approval" a ON a."ticketId" = t."id"
            WHERE t."createdAt" >= ${options.since}::timestamptz AND t."decision" = 'REVIEW'
            GROUP BY t."id", t."createdAt") d`,
    options.db.ticket.count({ where: { status: "REVIEW" } }),
  ]);
  return { decided: row?.decided ?? 0, p50Seconds: row?.p50 ?? null, p90Seconds: row?.p90 ?? null, waiting };
}
