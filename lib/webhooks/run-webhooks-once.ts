import "server-only";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import { retryDelay } from "@/lib/outbox/retry-delay";
import { getWebhookAllowlist } from "./allowlist";
import { claimWebhookBatch, type ClaimedDelivery } from "./claim-webhook-batch";
import { allowlistMatcher } from "./destination";
import { sendWebhook, type SendOutcome } from "./send-webhook";
import { signWebhook } from "./signature";
import type { WebhookConfig } from "./webhook-config";

export type WebhookRunResult = { claimed: number; delivered: number; retry: number; failed: number };

/**
 * One poll of the webhook outbox: claim due deliveries, sign and send each, and record the
 * outcome on the row (only while this worker still holds its lease). A failure is retried after
 * a capped, jittered backoff until `maxAttempts`, then the delivery is FAILED (the admin's
 * delivery log shows it with its last answer).
 */
export async function runWebhooksOnce(options: {
  db: Db;
  workerId: string;
  config: WebhookConfig;
  now?: () => Date;
  random?: () => number;
}): Promise<WebhookRunResult> {
  const { db, workerId, config } = options;
  const now = options.now ?? (() => new Date());
  const result: WebhookRunResult = { claimed: 0, delivered: 0, retry: 0, failed: 0 };
  const batch = await claimWebhookBatch({ db, workerId, now: now(), leaseMs: config.leaseMs, limit: config.batchSize });
  result.claimed = batch.length;
  if (!batch.length) return result;
  // Read per batch, so an admin's allowlist change applies to the next delivery without a restart.
  const allowed = allowlistMatcher(await getWebhookAllowlist(db));
  for (const delivery of batch) result[await deliverOne(delivery)] += 1;
  return result;

  async function deliverOne(delivery: ClaimedDelivery): Promise<"delivered" | "retry" | "failed"> {
    const endpoint = await db.webhookEndpoint.findUnique({ where: { id: delivery.endpointId }, select: { url: true, secret: true, disabledAt: true } });
    let outcome: SendOutcome;
    if (!endpoint || endpoint.disabledAt) {
      outcome = { ok: false, failure: "http_4xx", status: null, error: "the webhook was removed" };
    } else {
      const timestamp = Math.floor(now().getTime() / 1000);
      const headers = {
        "webhook-id": delivery.messageId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signWebhook({ secret: endpoint.secret, id: delivery.messageId, timestamp, body: delivery.body }),
        "user-agent": "reset-console-webhooks/1",
      };
      outcome = await sendWebhook({ url: endpoint.url, headers, body: delivery.body, timeoutMs: config.timeoutMs, allowed });
    }
    const at = now();
    const mine = { id: delivery.id, status: "SENDING" as const, lockedBy: workerId };
    const m = metrics();
    if (outcome.ok) {
      await db.webhookDelivery.updateMany({
        where: mine,
        data: { status: "SENT", deliveredAt: at, lastStatusCode: outcome.status, lastError: null, lockedUntil: null, lockedBy: null },
      });
      m.webhookLag.observe(Math.max(0, (at.getTime() - delivery.createdAt.getTime()) / 1000));
      m.webhooksDelivered.inc();
      return "delivered";
    }
    const gone = !endpoint || !!endpoint.disabledAt;
    const final = gone || delivery.attempts >= config.maxAttempts;
    m.webhookFailures.inc({ class: outcome.failure });
    const delay = retryDelay({ attempt: delivery.attempts, baseMs: config.backoffBaseMs, capMs: config.backoffCapMs, random: options.random });
    await db.webhookDelivery.updateMany({
      where: mine,
      data: {
        status: final ? "FAILED" : "PENDING",
        nextAttemptAt: new Date(at.getTime() + (final ? 0 : delay)),
        lastStatusCode: outcome.status,
        lastError: `${outcome.failure}: ${outcome.error}`.slice(0, 500),
        lockedUntil: null,
        lockedBy: null,
      },
    });
    logger({ component: "webhooks", workerId }).warn(
      { deliveryId: delivery.id, event: delivery.event, attempt: delivery.attempts, failure: outcome.failure, status: outcome.status, final },
      final ? "webhook: delivery failed for good" : "webhook: delivery failed, will retry",
    );
    return final ? "failed" : "retry";
  }
}
