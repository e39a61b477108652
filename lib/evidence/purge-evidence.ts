import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getSettings } from "@/lib/settings/get-settings";
import { SCHEDULER_ACTOR } from "@/lib/tickets/expire-tickets";
import { DAY_MS } from "@/lib/time";

/** Photos deleted per run; the next run (an hour later, or sooner after a backlog) takes the rest. */
export const EVIDENCE_PURGE_BATCH = 200;

/**
 * Deletes the photos older than the retention setting (`evidenceRetentionDays`, default 90),
 * oldest first, in the caller's transaction (the scheduler's, which holds the job's advisory lock):
 * each deletion is audited (`evidence.purged`, with the photo's SHA-256 and age), so the chain
 * says what existed and when it went. Only the bytes go; the `evidence.added` event stays.
 */
export async function purgeExpiredEvidence(tx: Prisma.TransactionClient, now: Date): Promise<{ purged: number; more: boolean }> {
  const { evidenceRetentionDays } = await getSettings({ db: tx });
  const cutoff = new Date(now.getTime() - evidenceRetentionDays * DAY_MS);
  const due = await tx.ticketEvidence.findMany({
    where: { createdAt: { lt: cutoff } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: EVIDENCE_PURGE_BATCH + 1,
    select: { id: true, ticketId: true, sha256: true, createdAt: true, ticket: { select: { serial: true } } },
  });
  const batch = due.slice(0, EVIDENCE_PURGE_BATCH);
  for (const photo of batch) {
    await tx.ticketEvidence.delete({ where: { id: photo.id } });
    await recordAudit(tx, {
      actor: SCHEDULER_ACTOR,
      ticketId: photo.ticketId,
      serial: photo.ticket.serial,
      action: "evidence.purged",
      details: {
        evidenceId: photo.id,
        sha256: photo.sha256,
        addedAt: photo.createdAt.toISOString(),
        ageDays: Math.floor((now.getTime() - photo.createdAt.getTime()) / DAY_MS),
        retentionDays: evidenceRetentionDays,
      },
    });
  }
  return { purged: batch.length, more: due.length > EVIDENCE_PURGE_BATCH };
}
