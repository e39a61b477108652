import type { Role } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Who acts on a ticket, as the domain functions need it (from the session guard). */
export type TicketActor = { id: string; label: string; role: Role; ip: string };

/**
 * Agents act on tickets they opened or were assigned; supervisors and admins on any. Used inside
 * the query (`where: { id, ...actingScope(actor) }`), never checked after loading.
 */
export function actingScope(actor: Pick<TicketActor, "id" | "role">): Prisma.TicketWhereInput {
  if (actor.role !== "AGENT") return {};
  return { OR: [{ createdById: actor.id }, { assigneeId: actor.id }] };
}
