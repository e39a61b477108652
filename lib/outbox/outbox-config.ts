import { env, type Env, type EnvName } from "@/lib/env";

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

const ENV_NAMES = {
  pollMs: "OUTBOX_POLL_MS",
  batchSize: "OUTBOX_BATCH_SIZE",
  leaseMs: "OUTBOX_LEASE_MS",
  backoffBaseMs: "OUTBOX_BACKOFF_BASE_MS",
  backoffCapMs: "OUTBOX_BACKOFF_CAP_MS",
  maxAttempts: "OUTBOX_MAX_ATTEMPTS",
} as const satisfies Record<keyof OutboxConfig, EnvName>;

type OutboxSettings = Pick<Env, (typeof ENV_NAMES)[keyof OutboxConfig]>;

/** The defaults with the overrides that are set (lib/env has checked they are positive whole numbers). */
export function outboxConfig(settings: OutboxSettings = env()): OutboxConfig {
  const config = { ...DEFAULT_OUTBOX_CONFIG };
  for (const key of Object.keys(ENV_NAMES) as (keyof OutboxConfig)[]) {
    config[key] = settings[ENV_NAMES[key]] ?? config[key];
  }
  return config;
}
