// The console's configuration: every environment variable the product reads is named, checked
// and typed here, once, and the rest of the code imports `env()` instead of reading process.env.
// README.md's Configuration table documents each one. No Node-only imports: next.config.ts (at
// build time) and proxy.ts load this module too.
import { z } from "zod";

const POSITIVE_INT = /^[0-9]+$/;

/** A whole number within [min, max]; one message that says what is allowed. */
function wholeNumber(min: number, max: number) {
  return z
    .string()
    .refine((text) => POSITIVE_INT.test(text) && Number(text) >= min && Number(text) <= max, {
      error: `must be a whole number from ${min} to ${max}`,
    })
    .transform(Number);
}

/** An on/off switch: 1 (on) or 0 (off); unset is off. */
const flag = z
  .enum(["0", "1"], { error: "must be 1 (on) or 0 (off)" })
  .optional()
  .transform((value) => value === "1");

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?$/;

function urlWith(protocols: RegExp, what: string) {
  return z.string().refine(
    (text) => {
      try {
        return protocols.test(new URL(text).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be ${what}` },
  );
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { error: "must be development, production or test" }).default("development"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" })
    .optional(),

  DATABASE_URL: urlWith(/^postgres(ql)?:$/, "a postgresql:// URL (leave it unset for the embedded database)").optional(),
  DATABASE_POOL_SIZE: wholeNumber(1, 1000).default(10),
  // The owner role's URL for `npm run db:migrate` and `npm run db:roles`; the app's DATABASE_URL can then be the least-privileged role.
  MIGRATION_DATABASE_URL: urlWith(/^postgres(ql)?:$/, "a postgresql:// URL (the role that owns the tables)").optional(),
  PGLITE_DIR: z.string().default(".data/pglite"),

  NEXTAUTH_SECRET: z.string().min(32, { error: "must be at least 32 random characters: it signs sessions and invitation links" }).optional(),
  NEXTAUTH_URL: urlWith(/^https?:$/, "the console's public http:// or https:// URL").optional(),
  SESSION_IDLE_MINUTES: wholeNumber(1, 720).default(30),
  // Sign-in failures from one address (across accounts) before its waits begin (lib/auth/throttle.ts).
  SIGN_IN_IP_FREE_FAILURES: wholeNumber(1, 100_000).default(10),
  // Seals TOTP seeds at rest (AES-256-GCM): 32 bytes as 64 hex digits or base64. Required in production (lib/startup/production-checks.ts).
  MFA_ENCRYPTION_KEY: z
    .string()
    .refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || (/^[A-Za-z0-9+/_-]{43}=?$/.test(v) && Buffer.from(v, "base64").length === 32), {
      error: "must be 32 random bytes as 64 hex digits or base64 (openssl rand -hex 32)",
    })
    .optional(),
  TRUSTED_PROXY_HOPS: wholeNumber(0, 20).optional(),

  // Single sign-on through OpenID Connect (lib/auth/sso, docs/ops/sso.md): on when issuer, client id and secret are all set.
  OIDC_ISSUER: urlWith(/^https?:$/, "the identity provider's issuer URL (https://…; its /.well-known/openid-configuration is read)").optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().max(40, { error: "must be at most 40 characters (the login button says Sign in with <name>)" }).default("single sign-on"),
  OIDC_SCOPES: z.string().default("openid email profile offline_access"),
  OIDC_ROLE_CLAIM: z.string().default("groups"),
  OIDC_ROLE_MAP: z
    .string()
    .regex(/^\s*[^:,]+:\s*(AGENT|SUPERVISOR|ADMIN)\s*(,\s*[^:,]+:\s*(AGENT|SUPERVISOR|ADMIN)\s*)*$/, {
      error: "must be group:ROLE pairs separated by commas, e.g. support-admins:ADMIN,support-agents:AGENT (roles AGENT, SUPERVISOR, ADMIN)",
    })
    .optional(),
  OIDC_MFA_AMR: z.string().default("mfa,otp,hwk,swk,fpt,face,sc"),
  OIDC_MFA_ACR: z.string().optional(),
  OIDC_RECHECK_SECONDS: wholeNumber(1, 3600).default(300),
  // An IdP that sends no email_verified claim (Entra ID) vouches for its addresses itself: only then set this.
  OIDC_TRUST_UNVERIFIED_EMAIL: flag,

  // Passkeys (lib/auth/passkeys): the WebAuthn relying party. Unset: NEXTAUTH_URL's host name and origin.
  WEBAUTHN_RP_ID: z
    .string()
    .regex(/^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, {
      error: "must be a host name without port or scheme (the console's domain, e.g. console.example.com; not an IP address)",
    })
    .optional(),
  WEBAUTHN_ORIGIN: urlWith(/^https?:$/, "the http(s):// origin browsers show for the console, e.g. https://console.example.com").optional(),

  // The key ring's format is checked by parseMasterKeys (lib/reset-protocol) at start-up.
  RESET_MASTER_KEYS: z.string().optional(),
  RESET_MASTER_KEY_CURRENT: z.string().optional(),
  // The virtual recorder's own key ring (same format); unset: demo-only keys derived from NEXTAUTH_SECRET.
  SIMULATOR_MASTER_KEYS: z.string().optional(),
  SIMULATOR_MASTER_KEY_CURRENT: z.string().optional(),
  RESET_HOST: z.string().regex(HOST_NAME, { error: "must be a host name such as reset.example.com (no scheme, no path)" }).optional(),

  SMTP_URL: urlWith(/^smtps?:$/, "an smtp:// or smtps:// URL").optional(),
  MAIL_FROM: z.string().optional(),
  OUTBOX_WORKER: z.enum(["in-app", "external"], { error: 'must be "external" (a separate npm run outbox:worker delivers mail) or "in-app"' }).default("in-app"),
  OUTBOX_POLL_MS: wholeNumber(1, 3_600_000).optional(),
  OUTBOX_BATCH_SIZE: wholeNumber(1, 1000).optional(),
  OUTBOX_LEASE_MS: wholeNumber(1, 86_400_000).optional(),
  OUTBOX_BACKOFF_BASE_MS: wholeNumber(1, 86_400_000).optional(),
  OUTBOX_BACKOFF_CAP_MS: wholeNumber(1, 604_800_000).optional(),
  OUTBOX_MAX_ATTEMPTS: wholeNumber(1, 100).optional(),
  // API tokens and webhooks (docs/api.md).
  API_TOKEN_RATE_PER_MINUTE: wholeNumber(1, 100_000).default(120),
  WEBHOOK_BACKOFF_BASE_MS: wholeNumber(1, 86_400_000).default(10_000),
  WEBHOOK_BACKOFF_CAP_MS: wholeNumber(1, 604_800_000).default(3_600_000),
  WEBHOOK_MAX_ATTEMPTS: wholeNumber(1, 100).default(8),
  WEBHOOK_TIMEOUT_MS: wholeNumber(100, 120_000).default(10_000),
  // Inbound email (lib/inbound): an IMAP mailbox polled with IDLE, and/or an SMTP listener; limits on what one message may hold.
  INBOUND_IMAP_URL: urlWith(/^imaps?:$/, "an imap:// or imaps:// URL such as imap://user:pass@host:143/INBOX").optional(),
  INBOUND_SMTP_PORT: wholeNumber(0, 65535).optional(),
  INBOUND_SMTP_HOST: z.string().optional(),
  INBOUND_MAX_BYTES: wholeNumber(1024, 100_000_000).default(15_000_000),
  INBOUND_MAX_IMAGES: wholeNumber(1, 50).default(8),
  INBOUND_MAX_PIXELS: wholeNumber(1_000_000, 200_000_000).default(40_000_000),
  // The authserv-ids (RFC 8601) of our own receiving mail servers: only their Authentication-Results are kept and trusted.
  INBOUND_AUTHSERV_IDS: z.string().optional(),
  SCHEDULER: z.enum(["on", "off"], { error: 'must be "on" (this instance runs scheduled jobs) or "off"' }).default("on"),
  SCHEDULER_TICK_MS: wholeNumber(1, 3_600_000).default(5_000),
  SCHEDULER_EXPIRE_TICKETS_MS: wholeNumber(1, 86_400_000).default(15_000),

  METRICS_TOKEN: z.string().min(32, { error: "must be at least 32 random characters (Prometheus sends it as a bearer token)" }).optional(),
  METRICS_BIND: z
    .string()
    .regex(/^(?:(?:\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):)?[0-9]{1,5}$/, { error: "must be host:port (e.g. 127.0.0.1:9464) or a port" })
    .optional(),
  // Signed audit checkpoints (lib/audit/checkpoints): the Ed25519 private key (PEM, or base64 of PKCS#8 DER or the
  // 32-byte seed) or a file holding it; the public keys that verify (PEM or base64, comma-separated) or a file of them.
  AUDIT_SIGNING_KEY: z.string().optional(),
  AUDIT_SIGNING_KEY_FILE: z.string().optional(),
  AUDIT_VERIFY_KEYS: z.string().optional(),
  AUDIT_VERIFY_KEYS_FILE: z.string().optional(),
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  AUDIT_CHECKPOINT_EVERY: wholeNumber(1, 1000).default(1000),
  AUDIT_CHECKPOINT_INTERVAL_MS: wholeNumber(1000, 600_000).default(600_000),

  DEMO_MODE: flag,
  // Tests and benchmarks that serve a production build with the published RP1 vector keys.
  ALLOW_TEST_KEYS: flag,
  ENABLE_SIMULATOR: flag,
  DISABLE_HSTS: flag,

  // Set by Next.js itself: "phase-production-build" while `next build` runs.
  NEXT_PHASE: z.string().optional(),
  // Build output folder (next.config.ts); parallel e2e runs use their own.
  NEXT_DIST_DIR: z.string().default(".next"),
});

export type Env = Readonly<z.output<typeof schema>>;
export type EnvName = keyof z.input<typeof schema>;

/** Every variable the product reads. */
export const ENV_NAMES = Object.keys(schema.shape) as EnvName[];

/** Values that must never be printed; they stay out of JSON.stringify, console.log and log lines. */
const SECRET_NAMES: readonly EnvName[] = [
  "NEXTAUTH_SECRET",
  "RESET_MASTER_KEYS",
  "SIMULATOR_MASTER_KEYS",
  "SMTP_URL",
  "INBOUND_IMAP_URL",
  "DATABASE_URL",
  "MIGRATION_DATABASE_URL",
  "AUDIT_SIGNING_KEY",
  "METRICS_TOKEN",
  "OIDC_CLIENT_SECRET",
  "MFA_ENCRYPTION_KEY",
];

/** A configuration that cannot work; the message names every bad variable and what is allowed (never its value). */
export class EnvError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Trimmed, blank-as-unset values of the schema's variables, parsed; every problem in one EnvError. */
function parseWith<S extends z.ZodObject>(part: S, source: Readonly<Record<string, string | undefined>>): z.output<S> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(part.shape)) {
    const value = source[name]?.trim();
    if (value) raw[name] = value;
  }
  const parsed = part.safeParse(raw);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "configuration")} ${issue.message}`));
  }
  return parsed.data;
}

/**
 * Parses a set of variables (tests pass their own; the app passes process.env). A value that is
 * blank after trimming counts as unset.
 * @throws EnvError listing every invalid variable.
 */
export function parseEnv(source: Readonly<Record<string, string | undefined>>): Env {
  const out: Record<string, unknown> = { ...parseWith(schema, source) };
  for (const name of SECRET_NAMES) {
    Object.defineProperty(out, name, { value: out[name], enumerable: false });
  }
  return Object.freeze(out) as Env;
}

let cached: { fingerprint: string; env: Env } | undefined;

/** What the process's relevant variables are right now: the parse is redone only when this changes (tests stub variables). */
function fingerprint(): string {
  // One read per known name; nothing else in process.env is looked at.
  return ENV_NAMES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
}

/**
 * The process's configuration, parsed on first use and cached. Tests that change process.env
 * (vi.stubEnv) get a fresh parse on the next call; a running server's environment never changes.
 * @throws EnvError on an invalid value (instrumentation.ts calls this at start-up).
 */
export function env(): Env {
  const current = fingerprint();
  if (cached?.fingerprint !== current) cached = { fingerprint: current, env: parseEnv(process.env) };
  return cached.env;
}

const buildSchema = schema.pick({ NODE_ENV: true, DISABLE_HSTS: true, NEXT_DIST_DIR: true, NEXT_PHASE: true });

/**
 * The few values the build and Next itself set or need, checked alone: next.config.ts is loaded
 * by `next build` (where runtime settings and secrets may be absent) and again by `next start`,
 * before instrumentation.ts gets to check everything and log what is wrong.
 */
export function buildEnv(source: Readonly<Record<string, string | undefined>> = process.env): Readonly<z.output<typeof buildSchema>> {
  return parseWith(buildSchema, source);
}

/** The configured secret values themselves, for scrubbing text before it is logged (lib/privacy/redact-text). */
export function configuredSecrets(config: Env = env()): string[] {
  const secrets: string[] = [];
  if (config.NEXTAUTH_SECRET) secrets.push(config.NEXTAUTH_SECRET);
  for (const entry of [config.RESET_MASTER_KEYS, config.SIMULATOR_MASTER_KEYS].flatMap((ring) => ring?.split(",") ?? [])) {
    const key = entry.slice(entry.indexOf(":") + 1).trim();
    if (key) secrets.push(key, key.toLowerCase(), key.toUpperCase());
  }
  if (config.AUDIT_SIGNING_KEY) secrets.push(config.AUDIT_SIGNING_KEY);
  if (config.OIDC_CLIENT_SECRET) secrets.push(config.OIDC_CLIENT_SECRET);
  if (config.MFA_ENCRYPTION_KEY) secrets.push(config.MFA_ENCRYPTION_KEY);
  for (const url of [config.SMTP_URL, config.INBOUND_IMAP_URL, config.DATABASE_URL, config.MIGRATION_DATABASE_URL]) {
    if (!url) continue;
    const password = new URL(url).password;
    if (!password) continue;
    secrets.push(password);
    try {
      secrets.push(decodeURIComponent(password));
    } catch {
      // Not percent-encoded: the raw form above is the one that can appear.
    }
  }
  return secrets.filter((s) => s.length >= 4);
}
