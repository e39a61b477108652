import "server-only";
import { exportCheckpoints } from "@/lib/audit/checkpoints/exported-checkpoints";
import { checkpointKeys } from "@/lib/audit/checkpoints/keys";
import { CHECKPOINT_JOB_NAME, createCheckpoint } from "@/lib/audit/checkpoints/make-checkpoint";
import { env } from "@/lib/env";
import { purgeExpiredEvidence } from "@/lib/evidence/purge-evidence";
import { expireTickets } from "@/lib/tickets/expire-tickets";
import { HOUR_MS } from "@/lib/time";
import type { ScheduledJob } from "./run-job-once";

/**
 * Tickets whose QR code or code lapsed without a resolution move to EXPIRED, every
 * SCHEDULER_EXPIRE_TICKETS_MS (default 15 s; the query is indexed).
 */
export const expireTicketsJob: ScheduledJob = {
  name: "tickets.expire",
  get intervalMs() {
    return env().SCHEDULER_EXPIRE_TICKETS_MS;
  },
  run: async (tx, now) => {
    const { expired, more } = await expireTickets(tx, now);
    return { expired, more };
  },
};

/**
 * A signed checkpoint of the audit chain's head every AUDIT_CHECKPOINT_INTERVAL_MS (default 10
 * min) when events came since the last one, and at once after an append reaches a multiple of
 * AUDIT_CHECKPOINT_EVERY (appendAuditEvent makes the job due). After commit, new checkpoints are
 * written to AUDIT_CHECKPOINT_DIR when set. An instance without a signing key skips it (start-up
 * warned), so the key can live on one dedicated instance only.
 */
export const auditCheckpointJob: ScheduledJob = {
  name: CHECKPOINT_JOB_NAME,
  get intervalMs() {
    return env().AUDIT_CHECKPOINT_INTERVAL_MS;
  },
  enabled: () => checkpointKeys().signing !== null,
  run: async (tx, now) => {
    const key = checkpointKeys().signing;
    if (!key) throw new Error("no audit signing key");
    const { made } = await createCheckpoint(tx, { key, now });
    return { made: made ? 1 : 0, checkpoint: made?.number ?? null, eventSeq: made?.eventSeq ?? null };
  },
  afterCommit: async (db) => {
    const dir = env().AUDIT_CHECKPOINT_DIR;
    if (dir) await exportCheckpoints({ db, dir });
  },
};

/**
 * Customer photos older than the retention setting (`evidenceRetentionDays`) are deleted, each
 * deletion audited, once an hour (retention is counted in days; a backlog takes a few runs).
 */
export const purgeEvidenceJob: ScheduledJob = {
  name: "evidence.purge",
  intervalMs: HOUR_MS,
  run: async (tx, now) => purgeExpiredEvidence(tx, now),
};

/** Every job the app's scheduler runs. */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [expireTicketsJob, auditCheckpointJob, purgeEvidenceJob];
