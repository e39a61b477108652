import "server-only";
import { expireTickets } from "@/lib/tickets/expire-tickets";
import type { ScheduledJob } from "./run-job-once";

/** SCHEDULER_EXPIRE_TICKETS_MS: how often lapsed tickets are looked for (default 15 s; the query is indexed). */
function intervalFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]?.trim());
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** Tickets whose QR code or code lapsed without a resolution move to EXPIRED. */
export const expireTicketsJob: ScheduledJob = {
  name: "tickets.expire",
  intervalMs: intervalFromEnv("SCHEDULER_EXPIRE_TICKETS_MS", 15_000),
  run: async (tx, now) => {
    const { expired, more } = await expireTickets(tx, now);
    return { expired, more };
  },
};

/** Every job the app's scheduler runs. */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [expireTicketsJob];
