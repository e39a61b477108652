import "server-only";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import { logger } from "@/lib/log";
import { getSettings } from "@/lib/settings/get-settings";
import { claimOutboxBatch } from "./claim-outbox-batch";
import { deliverOutboxEmail, type DeliveryOutcome } from "./deliver-outbox-email";
import type { MailSink } from "./mail-sink";
import type { OutboxConfig } from "./outbox-config";

export type OutboxRunResult = { claimed: number } & Record<DeliveryOutcome, number>;

const noSinkWarned = new Set<string>();

/**
 * One poll: claim a batch of due rows and deliver them one by one. With no SMTP and no dev
 * mailbox nothing is claimed: rows stay PENDING (and are not charged an attempt) until SMTP_URL
 * is configured, and the worker says so once.
 */
export async function runOutboxOnce(options: {
  db: Db;
  workerId: string;
  sink: MailSink;
  config: OutboxConfig;
  now?: () => Date;
  random?: () => number;
  /** MAIL_FROM override (tests); the configured one otherwise. */
  env?: Pick<Env, "MAIL_FROM">;
}): Promise<OutboxRunResult> {
  const result: OutboxRunResult = { claimed: 0, sent: 0, retry: 0, failed: 0, lost: 0 };
  const { sink } = options;
  if (sink.kind === "none") {
    if (!noSinkWarned.has(options.workerId)) {
      noSinkWarned.add(options.workerId);
      logger({ component: "outbox", workerId: options.workerId }).warn(
        "outbox: SMTP_URL is not set and the dev mailbox is off (DEMO_MODE): emails stay queued until SMTP_URL is configured",
      );
    }
    return result;
  }
  const now = options.now ?? (() => new Date());
  const batch = await claimOutboxBatch({
    db: options.db,
    workerId: options.workerId,
    now: now(),
    leaseMs: options.config.leaseMs,
    limit: options.config.batchSize,
  });
  result.claimed = batch.length;
  if (batch.length === 0) return result;
  // Read per batch, so an admin's branding change applies to the next mail without a restart.
  const settings = await getSettings({ db: options.db });
  for (const email of batch) {
    const outcome = await deliverOutboxEmail({ ...options, sink, email, settings, now });
    result[outcome] += 1;
  }
  return result;
}
