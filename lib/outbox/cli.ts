// The outbox worker as its own process, for PostgreSQL deployments that run it beside (or
// instead of) the in-app worker: `npm run outbox:worker`, i.e.
//   tsx --import ./lib/cli/server-only-hooks.mjs lib/outbox/cli.ts
// (the preload makes the `server-only` guard a no-op outside Next; unlike the other scripts it
// cannot use --conditions=react-server, under which React cannot render email HTML). Set
// OUTBOX_WORKER=external on the app instances to keep delivery out of the web processes.
// PGlite allows one process per data folder, which the app holds: with the embedded database
// delivery runs inside the app only, so this refuses to start without DATABASE_URL.
import { getDb } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { checkEmailRendering } from "@/lib/email/render";
import { masterKeys } from "@/lib/keys/master-keys";
import { logger } from "@/lib/log";
import { startInbound } from "@/lib/inbound/start-inbound";
import { serveMetrics } from "@/lib/metrics/metrics-access";
import { closeSmtpTransport } from "./smtp-transport";
import { runOutboxWorker } from "./run-outbox-worker";

const log = logger({ component: "outbox-worker" });

async function main(): Promise<number> {
  if (databaseConfig().engine !== "postgresql") {
    log.error(
      "outbox worker: DATABASE_URL is not set. The embedded PGlite database belongs to the app process, which delivers mail itself; run a separate worker only with PostgreSQL.",
    );
    return 1;
  }
  // Fail at start, not at the first reset code, on a missing or bad key configuration or a
  // process that cannot render email.
  const keys = masterKeys();
  log.info({ keyVersions: keys.versions, currentKeyVersion: keys.current }, "outbox worker: reset keys configured");
  await checkEmailRendering();
  // This process's send counters: Prometheus scrapes them here (METRICS_BIND), not from the app.
  serveMetrics();
  const controller = new AbortController();
  // Inbound email runs where the outbox worker runs (OUTBOX_WORKER=external: here, not in the app).
  const inbound = startInbound();
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      controller.abort();
      inbound.controller.abort();
    });
  await runOutboxWorker({ signal: controller.signal });
  closeSmtpTransport();
  await getDb().$disconnect();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log.fatal({ err: error }, "outbox worker stopped on an error");
    process.exit(1);
  },
);
