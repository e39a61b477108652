import { Prisma } from "@/lib/generated/prisma/client";
import { escapeLike } from "@/lib/tickets/search/parse-search-query";
import { dayAfter, dayStart } from "./search-params";
import type { TicketFilters } from "./ticket-filters";

/**
 * The SQL condition for a ticket search (alias `t`), shared by the search page and the CSV
 * export so both always select the same tickets. Each filter maps to an index (bench/audit
 * checks every one with EXPLAIN at a million tickets):
 * - the RT number → the unique index on "number";
 * - createdAt → (createdAt, id); agent → (createdById, createdAt); status → (status, createdAt, id);
 *   decision → (decision, createdAt, id);
 * - serial and email prefixes, any case → the folded "searchSerial"/"searchEmail" columns (C
 *   collation, folded by `ticket_search_fold` like the header search), so `LIKE 'abc%'` is a range scan;
 * - the reason code → a jsonb containment on `checks` (GIN jsonb_path_ops index).
 */
export function ticketWhere(filters: TicketFilters, bounds: { asOf?: Date } = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.from) parts.push(Prisma.sql`t."createdAt" >= ${dayStart(filters.from)}::timestamptz`);
  if (filters.to) parts.push(Prisma.sql`t."createdAt" < ${dayAfter(filters.to)}::timestamptz`);
  if (bounds.asOf) parts.push(Prisma.sql`t."createdAt" <= ${bounds.asOf}::timestamptz`);
  if (filters.ticket !== undefined) parts.push(Prisma.sql`t."number" = ${filters.ticket}::int`);
  if (filters.agent) parts.push(Prisma.sql`t."createdById" = ${filters.agent}::uuid`);
  if (filters.status) parts.push(Prisma.sql`t."status" = ${filters.status}::"TicketStatus"`);
  if (filters.decision) parts.push(Prisma.sql`t."decision" = ${filters.decision}::"Decision"`);
  if (filters.serial) parts.push(Prisma.sql`t."searchSerial" LIKE "ticket_search_fold"(${escapeLike(filters.serial)}::text) || '%'`);
  if (filters.email) parts.push(Prisma.sql`t."searchEmail" LIKE "ticket_search_fold"(${escapeLike(filters.email)}::text) || '%'`);
  if (filters.reason) {
    // "Has a check with this id that did not pass": two containment probes the GIN index answers.
    const review = JSON.stringify([{ id: filters.reason, outcome: "review" }]);
    const refuse = JSON.stringify([{ id: filters.reason, outcome: "refuse" }]);
    parts.push(Prisma.sql`(t."checks" @> ${review}::jsonb OR t."checks" @> ${refuse}::jsonb)`);
  }
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}
