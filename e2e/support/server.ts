// Started by Playwright's webServer: a fresh PostgreSQL database, migrated, then the built app.
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter } from "@/lib/db/migration-adapter";
import {
  E2E_ADMIN_DB_URL,
  E2E_BASE_URL,
  E2E_DB_NAME,
  E2E_DB_URL,
  E2E_INBOUND_SMTP_PORT,
  E2E_MASTER_KEYS,
  E2E_METRICS_TOKEN,
  E2E_MFA_KEY,
  E2E_OIDC_CLIENT,
  E2E_OIDC_ISSUER,
  E2E_OIDC_NAME,
  E2E_PORT,
  E2E_SMTP_PORT,
} from "./env";

const admin = new pg.Client({ connectionString: E2E_ADMIN_DB_URL });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${E2E_DB_NAME}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${E2E_DB_NAME}"`);
await admin.end();
await applyMigrations(createMigrationAdapter({ engine: "postgresql", url: E2E_DB_URL }));

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: E2E_DB_URL,
  NEXTAUTH_URL: E2E_BASE_URL,
  // Passkeys: WebAuthn refuses an IP address as relying party, so the passkey spec browses http://localhost:PORT (a secure context).
  WEBAUTHN_RP_ID: "localhost",
  WEBAUTHN_ORIGIN: `http://localhost:${E2E_PORT}`,
  NEXTAUTH_SECRET: "e2e-only-secret-e2e-only-secret-0123456789",
  MFA_ENCRYPTION_KEY: E2E_MFA_KEY,
  RESET_MASTER_KEYS: E2E_MASTER_KEYS,
  RESET_MASTER_KEY_CURRENT: "1",
  // A production build with the published vector keys: start-up refuses them unless told.
  ALLOW_TEST_KEYS: "1",
  ENABLE_SIMULATOR: "1",
  // The virtual recorder's own ring, set to the console's test keys so its challenges verify.
  SIMULATOR_MASTER_KEYS: E2E_MASTER_KEYS,
  SIMULATOR_MASTER_KEY_CURRENT: "1",
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  MAIL_FROM: "Reset Console <support@recorders.example>",
  OUTBOX_POLL_MS: "300",
  // Customers' emails: the app's own SMTP listener (lib/inbound).
  INBOUND_SMTP_PORT: String(E2E_INBOUND_SMTP_PORT),
  // The e2e mail is "received" by this MX: its Authentication-Results are the ones kept and trusted.
  INBOUND_AUTHSERV_IDS: "mx.recorders.example",
  // Scheduled jobs (ticket expiry) every second, so a spec sees a lapsed ticket expire quickly.
  SCHEDULER_TICK_MS: "500",
  SCHEDULER_EXPIRE_TICKETS_MS: "1000",
  DISABLE_HSTS: "1",
  // Every browser of the suite signs in from 127.0.0.1, and some fail on purpose: one shared
  // per-address counter would slow unrelated specs down. The throttle specs use their own addresses.
  SIGN_IN_IP_FREE_FAILURES: "1000",
  METRICS_TOKEN: E2E_METRICS_TOKEN,
  NEXT_TELEMETRY_DISABLED: "1",
  // A throw-away key for this run's signed audit checkpoints, made every couple of seconds.
  AUDIT_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  AUDIT_CHECKPOINT_INTERVAL_MS: "2000",
  // Single sign-on against the test IdP that global-setup starts; groups re-checked every 2 s.
  OIDC_ISSUER: E2E_OIDC_ISSUER,
  OIDC_CLIENT_ID: E2E_OIDC_CLIENT.clientId,
  OIDC_CLIENT_SECRET: E2E_OIDC_CLIENT.clientSecret,
  OIDC_NAME: E2E_OIDC_NAME,
  OIDC_SCOPES: "openid email profile groups offline_access",
  OIDC_ROLE_CLAIM: "groups",
  OIDC_ROLE_MAP: "support-admins:ADMIN,support-supervisors:SUPERVISOR,support-agents:AGENT",
  OIDC_RECHECK_SECONDS: "2",
};
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn("npx", ["next", "start", "-p", String(E2E_PORT), "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code: number | null) => process.exit(code ?? 0));
