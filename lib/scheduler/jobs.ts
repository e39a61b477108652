import "server-only";
import { env } from "@/lib/env";
import { expireTickets } from "@/lib/tickets/expire-tickets";
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

/** Every job the app's scheduler runs. */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [expireTicketsJob];
