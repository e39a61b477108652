import "server-only";
import type { Db } from "@/lib/db/client";
import type { Decision } from "@/lib/generated/prisma/enums";

export type DecisionCounts = Record<Decision, number>;
export type AgentStats = { agentId: string; name: string; tickets: number; issued: number; refused: number; review: number; reviewRate: number };
export type WindowTickets = { ticketsByDay: Map<string, number>; decisions: DecisionCounts; agents: AgentStats[] };

/** GROUPING() bits over (day, agent, decision): 1 marks a column rolled up in that row. */
const BY_DAY = 0b011;
const BY_AGENT = 0b101;
const BY_DECISION = 0b110;

type Row = {
  set: number;
  day: string | null;
  agentId: string | null;
  name: string | null;
  decision: Decision | null;
  tickets: number;
  issued: number;
  refused: number;
  review: number;
};

/**
 * Tickets opened since `since`, counted per UTC day, per decision and per person who opened
 * them (how many got a code, were refused, went to review). One scan with GROUPING SETS: these
 * were three passes over the window, each a sequential scan of the ticket table at scale.
 */
export async function windowTickets(options: { db: Db; since: Date }): Promise<WindowTickets> {
  const rows = await options.db.$queryRaw<Row[]>`
    SELECT GROUPING(t."day", t."createdById", t."decision")::int AS "set",
           to_char(t."day", 'YYYY-MM-DD') AS "day", t."createdById" AS "agentId", min(u."name") AS "name",
           t."decision"::text AS "decision", count(*)::int AS "tickets",
           count(*) FILTER (WHERE t."firstSentAt" IS NOT NULL)::int AS "issued",
           count(*) FILTER (WHERE t."status" = 'REFUSED' OR t."decision" = 'REFUSE')::int AS "refused",
           count(*) FILTER (WHERE t."decision" = 'REVIEW')::int AS "review"
    FROM (SELECT ("createdAt" AT TIME ZONE 'UTC')::date AS "day", "createdById", "decision", "status", "firstSentAt"
          FROM "Ticket" WHERE "createdAt" >= ${options.since}::timestamptz) t
    JOIN "User" u ON u."id" = t."createdById"
    GROUP BY GROUPING SETS ((t."day"), (t."createdById"), (t."decision"))
    ORDER BY 1, count(*) DESC, min(u."name") ASC`;
  const ticketsByDay = new Map<string, number>();
  const decisions: DecisionCounts = { ISSUE: 0, REVIEW: 0, REFUSE: 0 };
  const agents: AgentStats[] = [];
  for (const r of rows) {
    if (r.set === BY_DAY) ticketsByDay.set(r.day!, r.tickets);
    else if (r.set === BY_DECISION) decisions[r.decision!] = r.tickets;
    else if (r.set === BY_AGENT) {
      agents.push({
        agentId: r.agentId!,
        name: r.name!,
        tickets: r.tickets,
        issued: r.issued,
        refused: r.refused,
        review: r.review,
        reviewRate: r.tickets ? r.review / r.tickets : 0,
      });
    }
  }
  return { ticketsByDay, decisions, agents };
}
