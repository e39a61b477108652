import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lapsedWhere, lapsesAt } from "./lifecycle-rules";

/** Tickets expired per run; a longer backlog is taken by the next runs. */
export const EXPIRE_BATCH = 200;
/** Who the audit log names for the scheduler's transitions. */
export const SCHEDULER_ACTOR = { id: null, label: "scheduler" } as const;

/**
 * Moves tickets whose QR code or code has lapsed without a resolution to EXPIRED, each with its
 * audit event, inside the caller's transaction (the scheduler's, which holds the job's lock).
 * Each update is conditional on the status read, so a concurrent resolve or send wins or loses
 * cleanly, never half-applied.
 */
export async function expireTickets(tx: Prisma.TransactionClient, now: Date): Promise<{ expired: number; more: boolean }> {
  const due = await tx.ticket.findMany({
    where: lapsedWhere(now),
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
    take: EXPIRE_BATCH,
    select: { id: true, number: true, serial: true, status: true, expiresAt: true, challenge: { select: { firstSeenAt: true } } },
  });
  let expired = 0;
  for (const ticket of due) {
    const changed = await tx.ticket.updateMany({ where: { id: ticket.id, status: ticket.status }, data: { status: "EXPIRED", expiredAt: now } });
    if (changed.count !== 1) continue;
    expired += 1;
    await recordAudit(tx, {
      actor: SCHEDULER_ACTOR,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "ticket.expired",
      details: { ticket: ticket.number, from: ticket.status, lapsedAt: lapsesAt(ticket)?.toISOString() ?? null },
    });
  }
  return { expired, more: due.length === EXPIRE_BATCH };
}
