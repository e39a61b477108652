// Runs once when a server instance starts: refuse to start with a bad key configuration, and
// start the in-app outbox worker unless it runs as its own process.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { masterKeys } = await import("@/lib/keys/master-keys");
  const keys = masterKeys();
  console.log(`reset keys: versions ${keys.versions.join(", ")} configured, current ${keys.current}`);
  if (!process.env.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is not set: the console cannot sign sessions.");
  // The in-app outbox worker; OUTBOX_WORKER=external leaves delivery to `npm run outbox:worker`
  // (PostgreSQL only), and a build never delivers mail.
  if (process.env.OUTBOX_WORKER !== "external" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { startOutboxWorker } = await import("@/lib/outbox/start-outbox-worker");
    startOutboxWorker();
  }
}
