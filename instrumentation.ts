// Runs once when a server instance starts: refuse to start with a bad key configuration, and
// start the in-app outbox worker unless it runs as its own process, and the job scheduler.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { masterKeys } = await import("@/lib/keys/master-keys");
  const keys = masterKeys();
  console.log(`reset keys: versions ${keys.versions.join(", ")} configured, current ${keys.current}`);
  const secret = process.env.NEXTAUTH_SECRET ?? "";
  if (secret.length < 32) throw new Error("NEXTAUTH_SECRET must be set to at least 32 random characters: it signs sessions and invitation links.");
  if (process.env.NODE_ENV === "production" && !process.env.TRUSTED_PROXY_HOPS && !process.env.DEMO_MODE) {
    // The per-IP sign-in throttle and the audit log's IPs are only as good as this setting.
    console.warn("TRUSTED_PROXY_HOPS is not set: assuming one reverse proxy in front that appends X-Forwarded-For.");
  }
  // The in-app outbox worker; OUTBOX_WORKER=external leaves delivery to `npm run outbox:worker`
  // (PostgreSQL only), and a build never delivers mail.
  if (process.env.OUTBOX_WORKER !== "external" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startOutboxWorker } = await import("@/lib/outbox/start-outbox-worker");
    startOutboxWorker();
  }
  // Scheduled jobs (ticket expiry, …): every instance runs the loop; each job's advisory lock
  // and due time in the database make one instance run it per interval.
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { startScheduler } = await import("@/lib/scheduler/start-scheduler");
    startScheduler();
  }
}
