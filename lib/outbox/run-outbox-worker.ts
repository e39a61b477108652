import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { getDb, type Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { runWebhooksOnce } from "@/lib/webhooks/run-webhooks-once";
import { webhookConfig, type WebhookConfig } from "@/lib/webhooks/webhook-config";
import { mailSink, type MailSink } from "./mail-sink";
import { outboxConfig, type OutboxConfig } from "./outbox-config";
import { runOutboxOnce } from "./run-outbox-once";
import { sleepUnlessAborted } from "@/lib/time";

/** Unique per process and start, so a restarted worker never mistakes an old lease for its own. */
export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * The delivery loop (email, then webhooks): claim → deliver → sleep OUTBOX_POLL_MS when the queue is drained (straight
 * on when a full batch came back). Stops after the current row when `signal` aborts; a row cut
 * off by a hard kill is taken over by another worker once its lease ends. Never throws: a failed
 * poll (database down) is logged and retried at the next tick.
 */
export async function runOutboxWorker(options: {
  signal: AbortSignal;
  db?: Db;
  sink?: MailSink;
  config?: OutboxConfig;
  webhooks?: WebhookConfig;
  workerId?: string;
  now?: () => Date;
  random?: () => number;
}): Promise<void> {
  const { signal } = options;
  const config = options.config ?? outboxConfig();
  const hooks = options.webhooks ?? webhookConfig();
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
    // Webhook deliveries share the loop (and so the in-app and the external worker).
    try {
      const sent = await runWebhooksOnce({ db: options.db ?? getDb(), workerId, config: hooks, now: options.now, random: options.random });
      full ||= sent.claimed >= hooks.batchSize;
    } catch (error) {
      log.error({ err: error }, "webhooks: poll failed");
    }
    if (!full) await sleepUnlessAborted(config.pollMs, signal);
  }
  log.info("outbox: worker stopped");
}
