import "server-only";
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
 * Customer photos older than the retention setting (`evidenceRetentionDays`) are deleted, each
 * deletion audited, once an hour (retention is counted in days; a backlog takes a few runs).
 */
export const purgeEvidenceJob: ScheduledJob = {
  name: "evidence.purge",
  intervalMs: HOUR_MS,
  run: async (tx, now) => purgeExpiredEvidence(tx, now),
};

/** Every job the app's scheduler runs. */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [expireTicketsJob, purgeEvidenceJob];
