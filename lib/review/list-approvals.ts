import "server-only";
import type { Db } from "@/lib/db/client";
import type { ApprovalDecision } from "@/lib/generated/prisma/enums";

export type ApprovalView = { id: string; decision: ApprovalDecision; reason: string; destination: string | null; supervisorName: string; createdAt: Date };

/** A ticket's review decisions, oldest first: what the agent sees on the ticket page. */
export async function listApprovals(options: { db: Db; ticketId: string }): Promise<ApprovalView[]> {
  const rows = await options.db.approval.findMany({
    where: { ticketId: options.ticketId },
    orderBy: { createdAt: "asc" },
    select: { id: true, decision: true, reason: true, destination: true, createdAt: true, supervisor: { select: { name: true } } },
  });
  return rows.map(({ supervisor, ...a }) => ({ ...a, supervisorName: supervisor.name }));
}
