import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { SCHEDULED_JOBS } from "./jobs";
import { runDueJobs, type ScheduledJob } from "./run-job-once";
import { sleepUnlessAborted } from "@/lib/time";

/** SCHEDULER_TICK_MS: how often each instance asks whether a job is due (default 5 s). */

const holder = globalThis as unknown as { __scheduler?: AbortController };

/**
 * The loop: every tick, each job runs if it is due and no other instance is running it (the lock
 * and the due time live in the database, so every instance may run this loop). Never throws: a
 * failed run is logged and tried at the next tick.
 */
export async function runScheduler(options: { signal: AbortSignal; db?: Db; jobs?: readonly ScheduledJob[]; tickMs?: number }): Promise<void> {
  const { signal } = options;
  const jobs = options.jobs ?? SCHEDULED_JOBS;
  const tick = options.tickMs ?? env().SCHEDULER_TICK_MS;
  const log = logger({ component: "scheduler" });
  log.info({ jobs: jobs.map((j) => j.name), tickMs: tick }, "scheduler: started");
  while (!signal.aborted) {
    for (const run of await runDueJobs({ db: options.db ?? getDb(), jobs })) {
      if ("error" in run) log.error({ job: run.name, error: run.error }, "scheduler: job failed");
      else if (run.ran && Object.values(run.result).some((v) => typeof v === "number" && v > 0))
        log.info({ job: run.name, result: run.result }, "scheduler: job ran");
    }
    await sleepUnlessAborted(tick, signal);
  }
  log.info("scheduler: stopped");
}

/** Starts the loop once per server process (instrumentation.ts); returns the controller that stops it. */
export function startScheduler(): AbortController {
  if (holder.__scheduler) return holder.__scheduler;
  const controller = new AbortController();
  holder.__scheduler = controller;
  void runScheduler({ signal: controller.signal });
  return controller;
}
