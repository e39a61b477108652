import "server-only";
import type { Db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/time";

/** An agent issuing more than this many times the team's median in a week is worth a look... */
export const AGENT_ISSUE_MEDIAN_FACTOR = 3;
/** ...if it is at least this many codes (3 × a median of 1 is noise). */
export const AGENT_ISSUE_MIN = 5;
export const AGENT_WINDOW_DAYS = 7;
/** One recorder reset again and again. */
export const DEVICE_ISSUE_MIN = 3;
/** One requester asking for many recorders. */
export const REQUESTER_SERIAL_MIN = 3;
export const REPEAT_WINDOW_DAYS = 30;
/** One approver approving one requester's tickets this often (in REPEAT_WINDOW_DAYS): four eyes may have become two people who always pair up. */
export const APPROVAL_PAIR_MIN = 5;

export type Anomalies = {
  teamMedianIssues: number;
  busyAgents: { agentId: string; name: string; issued: number }[];
  repeatDevices: { serial: string; issues: number }[];
  busyRequesters: { email: string; serials: number }[];
  recurringPairs: { requesterId: string; requester: string; approverId: string; approver: string; approvals: number }[];
};

/**
 * Patterns of insider abuse or social engineering. The team median counts every active agent
 * and supervisor, with zero for those who issued nothing, so one busy agent on a quiet team stands out.
 */
export async function findAnomalies(options: { db: Db; now: Date }): Promise<Anomalies> {
  const { db, now } = options;
  const weekAgo = new Date(now.getTime() - AGENT_WINDOW_DAYS * DAY_MS);
  const monthAgo = new Date(now.getTime() - REPEAT_WINDOW_DAYS * DAY_MS);
  const [perAgent, repeatDevices, busyRequesters, recurringPairs] = await Promise.all([
    db.$queryRaw<{ agentId: string; name: string; issued: number }[]>`
      SELECT u."id" AS "agentId", u."name" AS "name", count(c."id")::int AS "issued"
      FROM "User" u LEFT JOIN "CodeIssue" c ON c."actorId" = u."id" AND c."issuedAt" >= ${weekAgo}::timestamptz
      WHERE u."active" AND u."role" IN ('AGENT', 'SUPERVISOR')
      GROUP BY u."id", u."name"`,
    // The serial is on CodeIssue itself: an index-only scan of the window on (issuedAt, serial),
    // where a join to Ticket read the whole ticket table.
    db.$queryRaw<{ serial: string; issues: number }[]>`
      SELECT "serial", count(*)::int AS "issues"
      FROM "CodeIssue"
      WHERE "issuedAt" >= ${monthAgo}::timestamptz AND "serial" IS NOT NULL
      GROUP BY "serial" HAVING count(*) >= ${DEVICE_ISSUE_MIN}
      ORDER BY count(*) DESC, "serial" LIMIT 50`,
    // Reads only the window's tickets through the (createdAt, id) index. Distinct (email, serial)
    // pairs first, then a count per email: two hash aggregates, where count(DISTINCT) sorted the
    // whole window by email. (An index on lower("customerEmail") would not help: the planner
    // still starts from the createdAt range, even when the alternatives are switched off.)
    db.$queryRaw<{ email: string; serials: number }[]>`
      SELECT "email", count(*)::int AS "serials"
      FROM (SELECT DISTINCT lower("customerEmail") AS "email", "serial"
            FROM "Ticket"
            WHERE "createdAt" >= ${monthAgo}::timestamptz AND "serial" IS NOT NULL) p
      GROUP BY "email" HAVING count(*) >= ${REQUESTER_SERIAL_MIN}
      ORDER BY count(*) DESC, "email" LIMIT 50`,
    // Who opened the ticket → who approved its exception, over the window's approvals.
    db.$queryRaw<{ requesterId: string; requester: string; approverId: string; approver: string; approvals: number }[]>`
      SELECT t."createdById" AS "requesterId", r."name" AS "requester", a."supervisorId" AS "approverId", s."name" AS "approver", count(*)::int AS "approvals"
      FROM "Approval" a
      JOIN "Ticket" t ON t."id" = a."ticketId"
      JOIN "User" r ON r."id" = t."createdById"
      JOIN "User" s ON s."id" = a."supervisorId"
      WHERE a."decision" = 'APPROVE' AND a."createdAt" >= ${monthAgo}::timestamptz
      GROUP BY t."createdById", r."name", a."supervisorId", s."name"
      HAVING count(*) >= ${APPROVAL_PAIR_MIN}
      ORDER BY count(*) DESC, r."name", s."name" LIMIT 50`,
  ]);
  const teamMedianIssues = median(perAgent.map((a) => a.issued));
  const busyAgents = perAgent
    .filter((a) => a.issued >= AGENT_ISSUE_MIN && a.issued > AGENT_ISSUE_MEDIAN_FACTOR * teamMedianIssues)
    .sort((a, b) => b.issued - a.issued);
  return { teamMedianIssues, busyAgents, repeatDevices, busyRequesters, recurringPairs };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
