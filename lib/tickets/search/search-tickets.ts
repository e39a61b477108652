import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { maskEmail } from "@/lib/privacy/mask-email";
import type { TicketActor } from "../ticket-actor";
import { ticketRef } from "../ticket-ref";
import { viewScopeSql } from "../view-scope";
import { parseSearchQuery, type SearchQuery } from "./parse-search-query";

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
 * `limit` rows by walking its own index (docs/design-notes.md, "Ticket search"):
 * - the RT number: the unique btree on "number";
 * - serial and email prefixes: btree (fold(col) text_pattern_ops, "createdAt" DESC), read in
 *   index order, so the exact value comes first, then longer values, newest first;
 * - name fragments: the trigram GIN index on fold("customerName"), newest first.
 * The query text is folded by the same `ticket_search_fold` the indexes hold (lower-case,
 * accents removed), in SQL, so "Zoë" and "ZOE" find the same rows.
 */
function candidatesSql(q: SearchQuery, scope: Prisma.Sql, limit: number): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (q.number !== null) {
    parts.push(Prisma.sql`(SELECT t."id", 'number' AS "match", TRUE AS "exact" FROM "Ticket" t WHERE t."number" = ${q.number}::int AND ${scope})`);
  }
  const folded = Prisma.sql`"ticket_search_fold"(${q.text}::text)`;
  const prefix = Prisma.sql`"ticket_search_fold"(${q.likeText}::text) || '%'`;
  for (const [match, column] of [
    ["serial", Prisma.raw(`t."serial"`)],
    ["email", Prisma.raw(`t."customerEmail"`)],
  ] as const) {
    parts.push(Prisma.sql`(SELECT t."id", ${match} AS "match", "ticket_search_fold"(${column}) = ${folded} AS "exact"
      FROM "Ticket" t
      WHERE "ticket_search_fold"(${column}) LIKE ${prefix} AND ${scope}
      ORDER BY "ticket_search_fold"(${column}) USING ~<~, t."createdAt" DESC
      LIMIT ${limit})`);
  }
  if (q.nameFragment) {
    parts.push(Prisma.sql`(SELECT t."id", 'name' AS "match", FALSE AS "exact"
      FROM "Ticket" t
      WHERE "ticket_search_fold"(t."customerName") LIKE '%' || "ticket_search_fold"(${q.likeText}::text) || '%' AND ${scope}
      ORDER BY t."createdAt" DESC
      LIMIT ${limit})`);
  }
  return Prisma.join(parts, " UNION ALL ");
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
  const candidates = await db.$queryRaw<Candidate[]>(candidatesSql(query, viewScopeSql(actor), limit));

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
