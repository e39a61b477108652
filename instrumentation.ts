// Runs once when a server instance starts: refuse to start with a bad configuration (every
// variable, lib/env.ts; the key ring; the session secret), and start the in-app outbox worker
// unless it runs as its own process.
export async function register() {
  // The one direct process.env read: Next inlines NEXT_RUNTIME at build time, which keeps the
  // Node-only imports below out of the edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  const { logger } = await import("@/lib/log");
  const log = logger({ component: "startup" });
  try {
    const config = env();
    const { masterKeys } = await import("@/lib/keys/master-keys");
    const keys = masterKeys();
    log.info({ keyVersions: keys.versions, currentKeyVersion: keys.current }, "reset keys configured");
    if (!config.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET must be set to at least 32 random characters: it signs sessions and invitation links.");
    if (config.NODE_ENV === "production" && config.TRUSTED_PROXY_HOPS === undefined && !config.DEMO_MODE) {
      // The per-IP sign-in throttle and the audit log's IPs are only as good as this setting.
      log.warn("TRUSTED_PROXY_HOPS is not set: assuming one reverse proxy in front that appends X-Forwarded-For.");
    }
    // The in-app outbox worker; OUTBOX_WORKER=external leaves delivery to `npm run outbox:worker`
    // (PostgreSQL only), and a build never delivers mail.
    if (config.OUTBOX_WORKER !== "external" && config.NEXT_PHASE !== "phase-production-build") {
      const { startOutboxWorker } = await import("@/lib/outbox/start-outbox-worker");
      startOutboxWorker();
    }
  } catch (error) {
    // Configuration messages name the variable and what is allowed, never a value.
    log.fatal({ err: error }, "the console cannot start: fix the configuration");
    throw error;
  }
}
