import "server-only";
import type { Db } from "@/lib/db/client";

export type AgentStats = { agentId: string; name: string; tickets: number; issued: number; refused: number; review: number; reviewRate: number };

/** Per person who opened tickets since `since`: how many, how many got a code, refused, sent to review. */
export async function agentStats(options: { db: Db; since: Date }): Promise<AgentStats[]> {
  const rows = await options.db.$queryRaw<Omit<AgentStats, "reviewRate">[]>`
    SELECT t."createdById" AS "agentId", u."name" AS "name", count(*)::int AS "tickets",
           count(*) FILTER (WHERE t."firstSentAt" IS NOT NULL)::int AS "issued",
           count(*) FILTER (WHERE t."status" = 'REFUSED' OR t."decision" = 'REFUSE')::int AS "refused",
           count(*) FILTER (WHERE t."decision" = 'REVIEW')::int AS "review"
    FROM "Ticket" t JOIN "User" u ON u."id" = t."createdById"
    WHERE t."createdAt" >= ${options.since}::timestamptz
    GROUP BY t."createdById", u."name"
    ORDER BY count(*) DESC, u."name" ASC`;
  return rows.map((r) => ({ ...r, reviewRate: r.tickets ? r.review / r.tickets : 0 }));
}
