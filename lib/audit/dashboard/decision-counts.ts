import "server-only";
import type { Db } from "@/lib/db/client";
import type { Decision } from "@/lib/generated/prisma/enums";

export type DecisionCounts = Record<Decision, number>;

/** How the checks decided the tickets opened since `since`. */
export async function decisionCounts(options: { db: Db; since: Date }): Promise<DecisionCounts> {
  const rows = await options.db.$queryRaw<{ decision: Decision; n: number }[]>`
    SELECT "decision"::text AS "decision", count(*)::int AS "n" FROM "Ticket"
    WHERE "createdAt" >= ${options.since}::timestamptz GROUP BY 1`;
  const counts: DecisionCounts = { ISSUE: 0, REVIEW: 0, REFUSE: 0 };
  for (const r of rows) counts[r.decision] = r.n;
  return counts;
}
