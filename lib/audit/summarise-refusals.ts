import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendAuditEvent } from "./append-audit-event";
import { REFUSAL_BUDGET_ACTION, REFUSAL_WINDOW_MS, REFUSALS_SUMMARY_ACTION } from "./refusal-window";

/** How many IPs and reasons an over-budget summary names (the counts cover them all). */
const SUMMARY_LIST_MAX = 10;

type SummaryRow = {
  windowStart: Date;
  action: string;
  ip: string | null;
  reasons: string[];
  more: number;
  total: number;
  ips: number;
  topIps: string[];
  firstAt: Date;
  lastAt: Date;
};

/**
 * Moves every closed window's tallies into the chain: one event per IP and reason whose first
 * refusal was audited ("N more"), and one per window and action for the refusals past the
 * window's budget (all of them, with how many IPs and the busiest ones). The rows are deleted in
 * the same transaction, so each count reaches the chain exactly once. The caller holds the chain
 * lock, which also orders this against recordAnonymousRefusal marking a row as audited.
 */
export async function summariseRefusals(tx: Prisma.TransactionClient, now = new Date()): Promise<number> {
  const closedUpTo = new Date(now.getTime() - REFUSAL_WINDOW_MS);
  // One statement: a data-modifying CTE is seen by the whole query, and the aggregation keeps
  // the result small however many IPs a flood came from.
  const rows = await tx.$queryRaw<SummaryRow[]>`
    WITH gone AS (
      DELETE FROM "RefusalTally" WHERE "windowStart" <= ${closedUpTo} RETURNING *
    ), kept AS (
      SELECT * FROM gone WHERE "action" <> ${REFUSAL_BUDGET_ACTION}
    ), over_budget AS (
      SELECT "windowStart", "action", "ip", SUM("count")::int AS n, MIN("firstAt") AS f, MAX("lastAt") AS l
      FROM kept WHERE NOT "audited" GROUP BY "windowStart", "action", "ip"
    )
    SELECT "windowStart", "action", "ip", ARRAY["reason"] AS "reasons", "count" - 1 AS "more", "count" AS "total",
           1 AS "ips", ARRAY[]::text[] AS "topIps", "firstAt", "lastAt"
      FROM kept WHERE "audited" AND "count" > 1
    UNION ALL
    SELECT o."windowStart", o."action", NULL, (
             SELECT (ARRAY_AGG(DISTINCT k."reason"))[1:${SUMMARY_LIST_MAX}::int] FROM kept k
             WHERE NOT k."audited" AND k."windowStart" = o."windowStart" AND k."action" = o."action"
           ), SUM(o.n)::int, SUM(o.n)::int, COUNT(*)::int,
           (ARRAY_AGG(o."ip" || ' ×' || o.n ORDER BY o.n DESC, o."ip"))[1:${SUMMARY_LIST_MAX}::int], MIN(o.f), MAX(o.l)
      FROM over_budget o GROUP BY o."windowStart", o."action"
    ORDER BY 1, 2, 3 NULLS LAST`;
  for (const row of rows) {
    const window = { windowStart: row.windowStart.toISOString(), windowEnd: new Date(row.windowStart.getTime() + REFUSAL_WINDOW_MS).toISOString() };
    const counts = { refusedAction: row.action, more: row.more, total: row.total, from: row.firstAt.toISOString(), to: row.lastAt.toISOString(), ...window };
    await appendAuditEvent(tx, {
      actor: { id: null, label: "anonymous" },
      action: REFUSALS_SUMMARY_ACTION,
      ip: row.ip,
      details:
        row.ip === null ? { ...counts, overBudget: true, reasons: row.reasons, ips: row.ips, topIps: row.topIps } : { ...counts, reason: row.reasons[0] ?? "" },
    });
  }
  return rows.length;
}
