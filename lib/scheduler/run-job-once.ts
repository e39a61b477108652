import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A job the scheduler runs every `intervalMs`, across all app instances together. `run` gets the
 * transaction that holds the job's lock: its changes commit with the record of the run, or not at
 * all. Keep one run short (do a batch; the next run takes the rest).
 */
export type ScheduledJob = {
  /** Stable: it names the job's row in ScheduledJob and its advisory lock. */
  name: string;
  intervalMs: number;
  run(tx: Prisma.TransactionClient, now: Date): Promise<Record<string, string | number | boolean | null>>;
  /** Optional: false means this instance skips the job without touching its shared row (e.g. it lacks a key another instance has). */
  enabled?(): boolean;
  /** Optional work after a run committed (files, network): never for a run that rolled back. A failure is the run's error. */
  afterCommit?(db: Db, result: Record<string, string | number | boolean | null>): Promise<void>;
};

export type JobRun =
  | { name: string; ran: true; result: Record<string, string | number | boolean | null> }
  | { name: string; ran: false; reason: "locked" | "not-due" | "disabled" };

/** First key of the two-key advisory locks (pg_locks objsubid 2), so no single-key lock can clash. */
export const SCHEDULER_LOCK_SPACE = 7_202_612;
/** The longest one run may hold its transaction (and so its lock). */
const RUN_TIMEOUT_MS = 60_000;
/** How long a run may wait to start its transaction (PGlite runs one transaction at a time). */
const RUN_MAX_WAIT_MS = 10_000;

/**
 * Runs `job` once if it is due and no one else is running it. In one transaction: try the job's
 * advisory lock (pg_try_advisory_xact_lock: another instance holding it means skip, never wait),
 * read the job's shared row, and when due run it and move its next run on. The row makes the
 * interval hold across instances, and keeps two runs that are serialised rather than concurrent
 * (PGlite has one connection, where a session's own advisory lock is re-entrant) from both
 * running the job.
 */
export async function runJobOnce(options: { db: Db; job: ScheduledJob; now?: Date }): Promise<JobRun> {
  const { db, job } = options;
  if (job.enabled && !job.enabled()) return { name: job.name, ran: false, reason: "disabled" };
  const run = await db.$transaction(
    async (tx): Promise<JobRun> => {
      const now = options.now ?? new Date();
      const [lock] = await tx.$queryRaw<
        { locked: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(${SCHEDULER_LOCK_SPACE}::int4, hashtext(${job.name})) AS "locked"`;
      if (!lock?.locked) return { name: job.name, ran: false, reason: "locked" };
      await tx.scheduledJob.createMany({ data: [{ name: job.name, nextRunAt: now }], skipDuplicates: true });
      const state = await tx.scheduledJob.findUniqueOrThrow({ where: { name: job.name }, select: { nextRunAt: true } });
      if (state.nextRunAt.getTime() > now.getTime()) return { name: job.name, ran: false, reason: "not-due" };
      const result = await job.run(tx, now);
      await tx.scheduledJob.update({
        where: { name: job.name },
        data: { lastRunAt: now, nextRunAt: new Date(now.getTime() + job.intervalMs), lastResult: result, runs: { increment: 1 } },
      });
      return { name: job.name, ran: true, result };
    },
    { timeout: RUN_TIMEOUT_MS, maxWait: RUN_MAX_WAIT_MS },
  );
  if (run.ran && job.afterCommit) await job.afterCommit(db, run.result);
  return run;
}

/** Every job once, in order; one job's failure is reported and does not stop the others. */
export async function runDueJobs(options: {
  db: Db;
  jobs: readonly ScheduledJob[];
  now?: Date;
}): Promise<(JobRun | { name: string; ran: false; error: string })[]> {
  const runs = [];
  for (const job of options.jobs) {
    try {
      runs.push(await runJobOnce({ db: options.db, job, now: options.now }));
    } catch (error) {
      runs.push({ name: job.name, ran: false as const, error: error instanceof Error ? error.message.slice(0, 300) : String(error) });
    }
  }
  return runs;
}
