import { Prisma } from "@/lib/generated/prisma/client";
import type { TicketActor } from "./ticket-actor";

/**
 * What a user may see: agents see the team's unassigned tickets and their own (opened or
 * assigned); supervisors and admins see all. Limits what one insider can browse.
 */
export function viewScope(actor: Pick<TicketActor, "id" | "role">): Prisma.TicketWhereInput {
  if (actor.role !== "AGENT") return {};
  return { OR: [{ createdById: actor.id }, { assigneeId: actor.id }, { assigneeId: null }] };
}

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
