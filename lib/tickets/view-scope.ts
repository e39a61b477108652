import type { Prisma } from "@/lib/generated/prisma/client";
import type { TicketActor } from "./ticket-actor";

/**
 * What a user may see: agents see the team's unassigned tickets and their own (opened or
 * assigned); supervisors and admins see all. Limits what one insider can browse.
 */
export function viewScope(actor: Pick<TicketActor, "id" | "role">): Prisma.TicketWhereInput {
  if (actor.role !== "AGENT") return {};
  return { OR: [{ createdById: actor.id }, { assigneeId: actor.id }, { assigneeId: null }] };
}
