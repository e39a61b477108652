import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { getDb, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { mailSink, type MailSink } from "./mail-sink";
import { outboxConfig, type OutboxConfig } from "./outbox-config";
import { runOutboxOnce } from "./run-outbox-once";

/** Unique per process and start, so a restarted worker never mistakes an old lease for its own. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * The delivery loop: claim → deliver → sleep OUTBOX_POLL_MS when the queue is drained (straight
 * on when a full batch came back). Stops after the current row when `signal` aborts; a row cut
 * off by a hard kill is taken over by another worker once its lease ends. Never throws: a failed
 * poll (database down) is logged and retried at the next tick.
 */
export async function runOutboxWorker(options: {
  signal: AbortSignal;
  db?: Db;
  sink?: MailSink;
  config?: OutboxConfig;
  workerId?: string;
  now?: () => Date;
  random?: () => number;
}): Promise<void> {
  const { signal } = options;
  const config = options.config ?? outboxConfig();
  const workerId = options.workerId ?? newWorkerId();
  const log = logger({ component: "outbox", workerId });
  log.info({ pollMs: config.pollMs }, "outbox: worker started");
  while (!signal.aborted) {
    let full = false;
    try {
      const result = await runOutboxOnce({
        db: options.db ?? getDb(),
        workerId,
        sink: options.sink ?? mailSink(),
        config,
        now: options.now,
        random: options.random,
      });
      full = result.claimed >= config.batchSize;
    } catch (error) {
      log.error({ err: error }, "outbox: poll failed");
    }
    if (!full) await sleep(config.pollMs, signal);
  }
  log.info("outbox: worker stopped");
}
