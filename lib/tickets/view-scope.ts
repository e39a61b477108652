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
 * The same rule as `viewScope`, for raw SQL over `"Ticket"` under `alias` (search and history
 * need SQL the query builder cannot write). Kept beside it; a test holds the two to one answer.
 */
export function viewScopeSql(actor: Pick<TicketActor, "id" | "role">, alias = "t"): Prisma.Sql {
  if (actor.role !== "AGENT") return Prisma.sql`TRUE`;
  const t = Prisma.raw(`"${alias.replaceAll('"', "")}"`);
  return Prisma.sql`(${t}."createdById" = ${actor.id}::uuid OR ${t}."assigneeId" = ${actor.id}::uuid OR ${t}."assigneeId" IS NULL)`;
}
