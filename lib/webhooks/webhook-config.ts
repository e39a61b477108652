import { env, type Env } from "@/lib/env";

export type WebhookConfig = { batchSize: number; leaseMs: number; backoffBaseMs: number; backoffCapMs: number; maxAttempts: number; timeoutMs: number };

/** Webhook delivery tuning from WEBHOOK_* (lib/env has checked the values). */
export function webhookConfig(
  settings: Pick<Env, "WEBHOOK_BACKOFF_BASE_MS" | "WEBHOOK_BACKOFF_CAP_MS" | "WEBHOOK_MAX_ATTEMPTS" | "WEBHOOK_TIMEOUT_MS"> = env(),
): WebhookConfig {
  return {
    batchSize: 10,
    // A claim outlives one attempt's timeout with room to record the outcome.
    leaseMs: settings.WEBHOOK_TIMEOUT_MS * 3 + 30_000,
    backoffBaseMs: settings.WEBHOOK_BACKOFF_BASE_MS,
    backoffCapMs: settings.WEBHOOK_BACKOFF_CAP_MS,
    maxAttempts: settings.WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: settings.WEBHOOK_TIMEOUT_MS,
  };
}
