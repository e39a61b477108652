import { checkpointKeys } from "@/lib/audit/checkpoints/keys";
import { buildEnv, env } from "@/lib/env";
import { masterKeys } from "@/lib/keys/master-keys";
import { logger } from "@/lib/log";
import { productionProblems } from "./production-checks";

/**
 * What a server instance does once when it starts (instrumentation.ts): refuse to start with a
 * bad configuration (every variable, lib/env.ts; the key ring; the session secret), then start
 * the in-app outbox worker unless it runs as its own process. On a bad configuration it logs
 * one fatal line naming what is wrong (never a value) and stops the process.
 */
export async function startInstance(): Promise<void> {
  const log = logger({ component: "startup" });
  try {
    const config = env();
    const keys = masterKeys();
    log.info({ keyVersions: keys.versions, currentKeyVersion: keys.current }, "reset keys configured");
    // The audit checkpoints' keys: a configured key that cannot be used stops the start.
    const auditKeys = checkpointKeys(config);
    if (auditKeys.signing) log.info({ keyId: auditKeys.signing.keyId, source: auditKeys.source }, "audit checkpoints are signed");
    else log.warn("AUDIT_SIGNING_KEY_FILE is not set: the audit chain gets no signed checkpoints (docs/audit-security.md)");
    if (!config.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET must be set to at least 32 random characters: it signs sessions and invitation links.");
    const problems = productionProblems(config, keys);
    if (problems.length) throw new Error(`Not fit for production:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    if (config.NODE_ENV === "production" && config.TRUSTED_PROXY_HOPS === undefined && !config.DEMO_MODE) {
      // The per-IP sign-in throttle and the audit log's IPs are only as good as this setting.
      log.warn("TRUSTED_PROXY_HOPS is not set: assuming one reverse proxy in front that appends X-Forwarded-For.");
    }
    // The in-app outbox worker; OUTBOX_WORKER=external leaves delivery to `npm run outbox:worker`
    // (PostgreSQL only), and a build never delivers mail.
    if (config.OUTBOX_WORKER !== "external" && config.NEXT_PHASE !== "phase-production-build") {
      const { startOutboxWorker } = await import("@/lib/outbox/start-outbox-worker");
      startOutboxWorker();
      // Inbound email (SMTP listener, IMAP poller) runs beside the outbox worker, in whichever process has it.
      const { startInbound } = await import("@/lib/inbound/start-inbound");
      startInbound();
    }
    // Prometheus on a private listener (METRICS_BIND); /api/metrics serves the same with a token.
    if (config.NEXT_PHASE !== "phase-production-build") {
      const { serveMetrics } = await import("@/lib/metrics/metrics-access");
      serveMetrics();
    }
    // Scheduled jobs (ticket expiry, …): every instance runs the loop; each job's advisory lock
    // and due time in the database make one instance run it per interval.
    if (config.SCHEDULER === "on" && config.NEXT_PHASE !== "phase-production-build") {
      const { startScheduler } = await import("@/lib/scheduler/start-scheduler");
      startScheduler();
    }
  } catch (error) {
    log.fatal({ err: error }, "the console cannot start: fix the configuration");
    // Left alone, Next keeps listening and answers every request with a 500 and the same stack;
    // stopping makes the failure plain to the process manager. A build only reports it.
    if (buildEnv().NEXT_PHASE !== "phase-production-build") process.exit(1);
    throw error;
  }
}
