import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { QueueFilter } from "@/lib/validation/tickets";
import { OPEN_STATUSES } from "./lifecycle-rules";
import { type TicketActor, viewScope } from "./rules";
import { SYSTEM_USER_EMAIL } from "@/lib/inbound/system-actor";

export { isOpenStatus, OPEN_STATUSES } from "./lifecycle-rules";
const QUEUE_LIMIT = 200;

type View = NonNullable<QueueFilter["view"]>;

/** The saved views at the top of the queue, in order, with exactly what each one holds. */
export const SAVED_VIEWS: readonly { id: View; label: string }[] = [
  { id: "mine", label: "Mine, open" },
  { id: "ready", label: "Ready to send" },
  { id: "review", label: "Waiting for review" },
  { id: "escalated", label: "Escalated" },
];

function viewWhere(view: View, actor: Pick<TicketActor, "id">): Prisma.TicketWhereInput {
  switch (view) {
    case "mine":
      return { assigneeId: actor.id, status: { in: [...OPEN_STATUSES] } };
    case "ready":
      return { status: { in: ["READY", "APPROVED"] } };
    case "review":
      return { status: "REVIEW" };
    case "escalated":
      return { escalatedAt: { not: null } };
  }
}

/** Whether the queue shows open work (so "time left" is the natural order). */
export function queueIsOpen(filter: QueueFilter): boolean {
  if (filter.view) return filter.view !== "escalated";
  return filter.status === "OPEN" || (OPEN_STATUSES as readonly string[]).includes(filter.status);
}

function orderFor(filter: QueueFilter): Prisma.TicketOrderByWithRelationInput[] {
  const sort = filter.sort ?? (queueIsOpen(filter) ? "timeLeft" : "newest");
  if (sort === "timeLeft") return [{ expiresAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }];
  if (sort === "age") return [{ createdAt: "asc" }, { id: "asc" }];
  return [{ createdAt: "desc" }, { id: "desc" }];
}

/**
 * The queue: a saved view, or the status/decision/assignee filters; sorted by time left before
 * the challenge expires (open work's default), by age (oldest first) or newest first.
 */
export async function listTicketQueue(options: { db: Db; actor: Pick<TicketActor, "id" | "role">; filter: QueueFilter }) {
  const { db, actor, filter } = options;
  const where: Prisma.TicketWhereInput[] = [viewScope(actor)];
  if (filter.view) where.push(viewWhere(filter.view, actor));
  else {
    if (filter.status === "OPEN") where.push({ status: { in: [...OPEN_STATUSES] } });
    else if (filter.status !== "ALL") where.push({ status: filter.status });
    if (filter.decision !== "ALL") where.push({ decision: filter.decision });
    if (filter.assignee === "me") where.push({ assigneeId: actor.id });
    else if (filter.assignee === "unassigned") where.push({ assigneeId: null });
    else if (filter.assignee !== "all") where.push({ assigneeId: filter.assignee });
  }
  const rows = await db.ticket.findMany({
    where: { AND: where },
    orderBy: orderFor(filter),
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
      escalatedAt: true,
      assignee: { select: { id: true, name: true } },
      createdBy: { select: { email: true } },
    },
  });
  // Opened by the console from a customer's email (the queue's "From email" tag); no staff address leaves here.
  return rows.map(({ createdBy, ...row }) => ({ ...row, fromEmail: row.channel === "EMAIL" && createdBy.email === SYSTEM_USER_EMAIL }));
}

export type QueueRow = Awaited<ReturnType<typeof listTicketQueue>>[number];
