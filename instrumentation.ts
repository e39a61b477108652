// Runs once when a server instance starts: lib/startup/start-instance.ts checks the whole
// configuration (refusing to start on a bad one) and starts the in-app outbox worker and the
// job scheduler.
export async function register() {
  // The one direct process.env read: Next inlines NEXT_RUNTIME at build time, which keeps the
  // Node-only code behind this import out of the edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInstance } = await import("@/lib/startup/start-instance");
  await startInstance();
}
