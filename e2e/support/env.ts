// One place for what the e2e app server and the specs must agree on.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DB_NAME = process.env.E2E_DB_NAME ?? "reset_console_e2e";
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const E2E_MAIL_DIR = process.env.E2E_MAIL_DIR ?? "test-results/mail";
/** Where `next build` writes; separate folders let several checkouts-in-one run e2e at once. */
export const NEXT_DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const adminUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
export const E2E_ADMIN_DB_URL = adminUrl.toString();
adminUrl.pathname = `/${E2E_DB_NAME}`;
export const E2E_DB_URL = adminUrl.toString();

/** The e2e server's MFA_ENCRYPTION_KEY: the specs seal seeded users' TOTP seeds with it. A test key, never a real one. */
export const E2E_MFA_KEY = "e2e0000000000000000000000000000000000000000000000000000000000e2e";

/** The RP1 test-vector master keys (public, from docs/protocol.md): never a real key. */
export const E2E_MASTER_KEYS =
  "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,2:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";

/** The bearer token the e2e app server serves `/api/metrics` with. */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-e2e-metrics-token-0123";
/** The test OpenID Connect provider (lib/testing/oidc-idp, started by global-setup) and the console's client there. */
export const E2E_OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? E2E_PORT + 50);
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;
export const E2E_OIDC_CLIENT = { clientId: "reset-console-e2e", clientSecret: "e2e-only-oidc-client-secret-0123456789" };
export const E2E_OIDC_NAME = "Test IdP";
