import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { maskEmail } from "@/lib/privacy/mask-email";
import type { TicketActor } from "../rules";
import { ticketRef } from "../ticket-ref";
import { parseSearchQuery, type SearchQuery } from "./parse-search-query";

/**
 * The same rule as `viewScope`, for raw SQL over `"Ticket"` under `alias` (the search needs SQL
 * the query builder cannot write). Kept beside it; a test holds the two to one answer.
 *
 * "Assigned to me or to nobody" is written as COALESCE(assignee, me) = me, which no index
 * serves, on purpose: the scope is then a filter on the few rows a search index found. Written
 * as `assigneeId IS NULL OR …`, PostgreSQL ANDs a bitmap of every unassigned ticket (a large
 * share of the table) with the search index's, goes lossy and rechecks the whole table: seconds
 * at a million tickets instead of milliseconds.
 */
export function viewScopeSql(actor: Pick<TicketActor, "id" | "role">, alias = "t"): Prisma.Sql {
  if (actor.role !== "AGENT") return Prisma.sql`TRUE`;
  const t = Prisma.raw(`"${alias.replaceAll('"', "")}"`);
  return Prisma.sql`(${t}."createdById" = ${actor.id}::uuid OR COALESCE(${t}."assigneeId", ${actor.id}::uuid) = ${actor.id}::uuid)`;
}

export const SEARCH_LIMIT = 50;

/** Why a ticket matched, best first: the RT number, a serial or email prefix, a name fragment. */
export type SearchMatch = "number" | "serial" | "email" | "name";

export type SearchHit = {
  id: string;
  number: number;
  ref: string;
  customerName: string;
  /** Masked ("o***r@example.com"): a results list must not show whole addresses. */
  customerEmail: string;
  serial: string | null;
  status: TicketStatus;
  createdAt: Date;
  match: SearchMatch;
  /** The whole serial or email equals the query (the best of the prefix matches). */
  exact: boolean;
};

export type SearchResult = { query: SearchQuery | null; hits: SearchHit[] };

const TIER: Record<SearchMatch, number> = { number: 0, serial: 1, email: 1, name: 2 };

type Candidate = { id: string; match: SearchMatch; exact: boolean };

/**
 * One query per way of matching, each within the viewer's scope and each able to stop after
 * `limit` rows by walking its own index (docs/design-notes.md, "Ticket search"). The search keys
 * are stored columns the database folds with `ticket_search_fold` (lower case, accents removed),
 * and the query text is folded by that same function, here in SQL, so "Zoë" finds "ZOE".
 * - the RT number: the unique btree on "number";
 * - serial and email prefixes: btree ("searchSerial"/"searchEmail" in the C collation,
 *   "createdAt" DESC), read in index order: the exact value first, then longer ones, newest first;
 * - name fragments, newest first, in two bounded steps. First among the RECENT_WINDOW newest
 *   tickets (a walk of the createdAt index): when that finds `limit` matches they are the newest
 *   of all, which is the case for any common name. Otherwise (`olderNamesSql`) all matches are
 *   read from the trigram GIN index on "searchName", then scoped and sorted; there are few, or
 *   the recent window would have found enough. Left to itself the planner picks one plan for
 *   both cases: walking the whole createdAt index for a name the agent can hardly see, or
 *   reading tens of thousands of matches of a common name to keep the newest 50.
 * The prefix indexes also hold the scope columns and the id, so an agent's scope is checked
 * in the index (index-only scan) without reading the rows it rules out.
 */
export function searchCandidatesSql(q: SearchQuery, actor: Pick<TicketActor, "id" | "role">, limit: number): Prisma.Sql {
  const scope = viewScopeSql(actor);
  const parts: Prisma.Sql[] = [];
  if (q.number !== null) {
    parts.push(Prisma.sql`(SELECT t."id", 'number' AS "match", TRUE AS "exact" FROM "Ticket" t WHERE t."number" = ${q.number}::int AND ${scope})`);
  }
  const folded = Prisma.sql`"ticket_search_fold"(${q.text}::text)`;
  const prefix = Prisma.sql`"ticket_search_fold"(${q.likeText}::text) || '%'`;
  for (const [match, column] of [
    ["serial", Prisma.raw(`t."searchSerial"`)],
    ["email", Prisma.raw(`t."searchEmail"`)],
  ] as const) {
    parts.push(Prisma.sql`(SELECT t."id", ${match} AS "match", ${column} = ${folded} AS "exact"
      FROM "Ticket" t
      WHERE ${column} LIKE ${prefix} AND ${scope}
      ORDER BY ${column}, t."createdAt" DESC
      LIMIT ${limit})`);
  }
  if (q.nameFragment) {
    parts.push(Prisma.sql`(SELECT r."id", 'name' AS "match", FALSE AS "exact"
      FROM (SELECT t."id", t."createdAt", t."createdById", t."assigneeId", t."searchName" FROM "Ticket" t
            ORDER BY t."createdAt" DESC, t."id" DESC LIMIT ${RECENT_WINDOW}) r
      WHERE r."searchName" LIKE ${fragment(q)} AND ${viewScopeSql(actor, "r")}
      ORDER BY r."createdAt" DESC, r."id" DESC
      LIMIT ${limit})`);
  }
  return Prisma.join(parts, " UNION ALL ");
}

/**
 * How many of the newest tickets the first step of a name search reads (see searchCandidatesSql):
 * any name above ~1% of tickets fills a page there; rarer ones have few matches in all.
 */
export const RECENT_WINDOW = 5_000;

const fragment = (q: SearchQuery) => Prisma.sql`'%' || "ticket_search_fold"(${q.likeText}::text) || '%'`;

/**
 * The second step of a name search, when the recent window held fewer than `limit` matches:
 * every match through the trigram index (a MATERIALIZED CTE, so the planner cannot walk the
 * createdAt index instead), then the scope, newest first.
 */
export function olderNamesSql(q: SearchQuery, actor: Pick<TicketActor, "id" | "role">, limit: number): Prisma.Sql {
  return Prisma.sql`WITH "names" AS MATERIALIZED (
      SELECT t."id", t."createdAt", t."createdById", t."assigneeId" FROM "Ticket" t WHERE t."searchName" LIKE ${fragment(q)})
    SELECT n."id", 'name' AS "match", FALSE AS "exact" FROM "names" n
    WHERE ${viewScopeSql(actor, "n")}
    ORDER BY n."createdAt" DESC, n."id" DESC
    LIMIT ${limit}`;
}

/**
 * Tickets matching what was typed in the search box, best match first (the exact RT number, then
 * serial or email prefixes with exact values first, then name fragments; newest first within
 * each), only those the viewer may see (`viewScope`). At most `limit` hits.
 */
export async function searchTickets(options: { db: Db; actor: Pick<TicketActor, "id" | "role">; q: unknown; limit?: number }): Promise<SearchResult> {
  const { db, actor } = options;
  const limit = Math.max(1, Math.min(options.limit ?? SEARCH_LIMIT, SEARCH_LIMIT));
  const query = parseSearchQuery(options.q);
  if (!query) return { query, hits: [] };
  let candidates = await db.$queryRaw<Candidate[]>(searchCandidatesSql(query, actor, limit));
  if (query.nameFragment && candidates.filter((c) => c.match === "name").length < limit) {
    const names = await db.$queryRaw<Candidate[]>(olderNamesSql(query, actor, limit));
    candidates = [...candidates.filter((c) => c.match !== "name"), ...names];
  }

  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const seen = best.get(c.id);
    if (!seen || TIER[c.match] < TIER[seen.match] || (TIER[c.match] === TIER[seen.match] && c.exact && !seen.exact)) best.set(c.id, c);
  }
  if (!best.size) return { query, hits: [] };
  const rows = await db.ticket.findMany({
    where: { id: { in: [...best.keys()] } },
    select: { id: true, number: true, customerName: true, customerEmail: true, serial: true, status: true, createdAt: true },
  });
  const hits = rows.map((row): SearchHit => {
    const { match, exact } = best.get(row.id)!;
    return { ...row, ref: ticketRef(row.number), customerEmail: maskEmail(row.customerEmail), match, exact };
  });
  hits.sort(
    (a, b) => TIER[a.match] - TIER[b.match] || Number(b.exact) - Number(a.exact) || b.createdAt.getTime() - a.createdAt.getTime() || b.number - a.number,
  );
  return { query, hits: hits.slice(0, limit) };
}

/** The ticket to open straight away: an RT reference (or a bare number nothing else matched) naming one visible ticket. */
export function directHit(result: SearchResult): SearchHit | null {
  const first = result.hits[0];
  if (!first || first.match !== "number") return null;
  return result.query?.explicitRef || result.hits.length === 1 ? first : null;
}
