/** Delivery tuning; every value can be overridden by an environment variable of the same meaning. */
export type OutboxConfig = {
  /** OUTBOX_POLL_MS: sleep between polls when the queue is drained. */
  pollMs: number;
  /** OUTBOX_BATCH_SIZE: rows claimed per poll. */
  batchSize: number;
  /** OUTBOX_LEASE_MS: how long a claim is exclusive; must exceed the SMTP timeouts of one send. */
  leaseMs: number;
  /** OUTBOX_BACKOFF_BASE_MS / OUTBOX_BACKOFF_CAP_MS: retry delay window (full jitter). */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** OUTBOX_MAX_ATTEMPTS: sends tried before a row fails for good. */
  maxAttempts: number;
};

export const DEFAULT_OUTBOX_CONFIG: OutboxConfig = {
  pollMs: 2000,
  batchSize: 10,
  leaseMs: 5 * 60 * 1000,
  backoffBaseMs: 30 * 1000,
  backoffCapMs: 30 * 60 * 1000,
  maxAttempts: 8,
};

const ENV_NAMES: Record<keyof OutboxConfig, string> = {
  pollMs: "OUTBOX_POLL_MS",
  batchSize: "OUTBOX_BATCH_SIZE",
  leaseMs: "OUTBOX_LEASE_MS",
  backoffBaseMs: "OUTBOX_BACKOFF_BASE_MS",
  backoffCapMs: "OUTBOX_BACKOFF_CAP_MS",
  maxAttempts: "OUTBOX_MAX_ATTEMPTS",
};

/** The defaults with any valid positive-integer overrides from the environment; bad values are ignored. */
export function outboxConfig(env: Readonly<Record<string, string | undefined>> = process.env): OutboxConfig {
  const config = { ...DEFAULT_OUTBOX_CONFIG };
  for (const key of Object.keys(ENV_NAMES) as (keyof OutboxConfig)[]) {
    const raw = env[ENV_NAMES[key]]?.trim();
    const value = raw ? Number(raw) : NaN;
    if (Number.isSafeInteger(value) && value > 0) config[key] = value;
  }
  return config;
}
