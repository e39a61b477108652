import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import type { QueueFilter } from "@/lib/validation/tickets";
import { type TicketActor, viewScope } from "./rules";

/** Tickets still being worked: a code may yet be sent (or a supervisor must decide first). */
export const OPEN_STATUSES = ["READY", "REVIEW", "APPROVED"] as const satisfies readonly TicketStatus[];

export function isOpenStatus(status: string): status is (typeof OPEN_STATUSES)[number] {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}
const QUEUE_LIMIT = 200;

/** The queue, most urgent first: open tickets by time left before the challenge expires. */
export async function listTicketQueue(options: { db: Db; actor: Pick<TicketActor, "id" | "role">; filter: QueueFilter }) {
  const { db, actor, filter } = options;
  const where: Prisma.TicketWhereInput[] = [viewScope(actor)];
  if (filter.status === "OPEN") where.push({ status: { in: [...OPEN_STATUSES] } });
  else if (filter.status !== "ALL") where.push({ status: filter.status });
  if (filter.decision !== "ALL") where.push({ decision: filter.decision });
  if (filter.assignee === "me") where.push({ assigneeId: actor.id });
  else if (filter.assignee === "unassigned") where.push({ assigneeId: null });
  else if (filter.assignee !== "all") where.push({ assigneeId: filter.assignee });
  const open = filter.status === "OPEN" || isOpenStatus(filter.status);
  return db.ticket.findMany({
    where: { AND: where },
    orderBy: open ? [{ expiresAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
    take: QUEUE_LIMIT,
    select: {
      id: true,
      number: true,
      customerName: true,
      serial: true,
      status: true,
      decision: true,
      channel: true,
      expiresAt: true,
      createdAt: true,
      assignee: { select: { id: true, name: true } },
    },
  });
}

export type QueueRow = Awaited<ReturnType<typeof listTicketQueue>>[number];
