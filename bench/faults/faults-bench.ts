// npm run bench:faults : the faults production brings, each a scenario with its figures, on a
// scratch PostgreSQL cluster of our own (so it can be restarted and made read-only), a built
// console behind a small proxy, the external outbox worker and a real SMTP listener that counts
// arrivals by Message-ID. Expected after every scenario: each ticket the API accepted exists,
// each queued email reached the listener exactly once (a kill -9 mid-send may repeat one, with
// the same Message-ID), and the audit chain verifies. Exit 1 if any expectation fails.
//   1. kill -9 of the outbox worker mid-send, then a new worker
//   2. kill -9 of one of two app instances mid-load
//   3. the relay refusing (421), stalling, then dropping connections
//   4. PostgreSQL restarted under load: time until requests succeed again
//   5. the database read-only: clear 503s, nothing written; then writable again
//   6. the database full (the tickets' volume out of space): clear 503s, no half-written ticket;
//      then space again
import type { ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { runVerifyCli } from "@/lib/audit/cli/verify";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter } from "@/lib/db/migration-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import {
  buildConsole,
  consoleEnv,
  createAndIssue,
  runPool,
  seedConsole,
  signIn,
  startServer,
  startWorker,
  stopServer,
  type Device,
} from "../support/console-bench";
import { startMailCounter, type MailCounter } from "../support/mail-counter";
import { startProxy } from "../support/round-robin-proxy";
import { recorderChallenge, TEST_KEYS } from "@/lib/testing/fixtures";
import { smallVolume, startScratchPostgres } from "../support/scratch-postgres";

const PROXY_PORT = Number(process.env.BENCH_PORT ?? 3970);
const APP_PORTS = [PROXY_PORT + 1, PROXY_PORT + 2];
const SMTP_PORT = PROXY_PORT + 3;
const PG_PORT = PROXY_PORT + 50_000 > 65_000 ? 55_432 : PROXY_PORT + 50_000;
const BASE = `http://127.0.0.1:${PROXY_PORT}`;
const DIST = ".next-bench";
const AGENTS = 20;

type Outcome = { scenario: string; ok: boolean; figures: Record<string, number | string | boolean> };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  if (!process.argv.includes("--no-build")) buildConsole(DIST);
  const cluster = startScratchPostgres(PG_PORT);
  const dbUrl = new URL(cluster.url);
  // The bench's own connection to the cluster: a restart ends it, so it is opened again after one.
  const connectAdmin = async () => {
    const client = new pg.Client({ connectionString: cluster.url });
    client.on("error", () => undefined);
    await client.connect();
    return client;
  };
  let admin = await connectAdmin();
  await admin.query(`CREATE DATABASE console`);
  dbUrl.pathname = "/console";
  const url = dbUrl.toString();
  await applyMigrations(createMigrationAdapter({ engine: "postgresql", url }));
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  const seeded = await seedConsole(db, { agents: AGENTS, devices: 3000 });
  const mail = await startMailCounter(SMTP_PORT);
  const env = {
    ...consoleEnv(BASE, DIST),
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: "10",
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    MAIL_FROM: "Reset Console <support@recorders.example>",
    OUTBOX_POLL_MS: "200",
    OUTBOX_LEASE_MS: "8000",
    OUTBOX_BACKOFF_BASE_MS: "300",
    OUTBOX_BACKOFF_CAP_MS: "2000",
    OUTBOX_MAX_ATTEMPTS: "50",
  };
  const servers: (ChildProcess | undefined)[] = [];
  for (const port of APP_PORTS) servers.push(await startServer({ port, env }));
  const proxy = await startProxy(PROXY_PORT, APP_PORTS);
  let worker = startWorker(env);
  const cookies: string[] = [];
  for (let i = 0; i < AGENTS; i++) cookies.push(await signIn(BASE, seeded.agents[i]!, `10.7.0.${i}`));
  let cursor = 0;
  const nextDevice = (): Device => seeded.devices[cursor++]!;
  const accepted = new Set<string>();
  const issueOne = async (w: number) => {
    accepted.add(await createAndIssue(BASE, cookies[w % AGENTS]!, nextDevice()));
  };
  const results: Outcome[] = [];

  /** Every accepted ticket's code email reached the listener exactly once (or `allowRepeats` times at most). */
  async function emailsCheck(counter: MailCounter, allowRepeats = 0) {
    const started = performance.now();
    for (;;) {
      const pending = await db.outboxEmail.count({ where: { status: { in: ["PENDING", "SENDING"] } } });
      if (pending === 0 || performance.now() - started > 180_000) break;
      await sleep(250);
    }
    const rows = await db.outboxEmail.findMany({ where: { ticketId: { in: [...accepted] }, kind: "RESET_CODE" }, select: { status: true, messageId: true } });
    const missingRows = accepted.size - rows.length;
    const notSent = rows.filter((r) => r.status !== "SENT").length;
    const notArrived = rows.filter((r) => !r.messageId || !counter.byMessageId.has(r.messageId)).length;
    const repeats = rows.reduce((n, r) => n + Math.max(0, (counter.byMessageId.get(r.messageId ?? "") ?? 0) - 1), 0);
    return {
      missingRows,
      notSent,
      notArrived,
      repeats,
      drainS: (performance.now() - started) / 1000,
      ok: missingRows + notSent + notArrived === 0 && repeats <= allowRepeats,
    };
  }

  try {
    await runPool(4, 8, issueOne); // warm-up

    // 1. kill -9 of the worker mid-send.
    {
      stopServer(worker, "SIGKILL");
      await runPool(AGENTS, 120, issueOne); // queue up mail while no worker runs
      worker = startWorker(env);
      const waitFirst = performance.now();
      while (mail.received() === 0 && performance.now() - waitFirst < 60_000) await sleep(20);
      stopServer(worker, "SIGKILL"); // mid-batch
      const killedAfter = mail.received();
      await sleep(500);
      worker = startWorker(env);
      const check = await emailsCheck(mail, 10);
      results.push({ scenario: "kill -9 outbox worker mid-send", ok: check.ok, figures: { deliveredBeforeKill: killedAfter, ...check } });
    }

    // 2. kill -9 of an app instance mid-load.
    {
      const before = accepted.size;
      const load = runPool(AGENTS, 300, issueOne);
      await sleep(3000);
      stopServer(servers[1]!, "SIGKILL");
      servers[1] = undefined;
      const result = await load;
      const check = await emailsCheck(mail, 10);
      results.push({
        scenario: "kill -9 of one of two app instances mid-load",
        ok: check.ok,
        figures: { requests: 300, failedRequests: result.errors, accepted: accepted.size - before, p99Ms: Math.round(result.p99), ...check },
      });
      servers[1] = await startServer({ port: APP_PORTS[1]!, env });
    }

    // 3. The relay refuses, stalls, then drops connections, then recovers.
    {
      const receivedBefore = mail.received();
      mail.setMode("refuse");
      await runPool(AGENTS, 60, issueOne);
      await sleep(3000);
      mail.setMode("drop");
      await sleep(3000);
      mail.setMode("accept");
      const check = await emailsCheck(mail, 10);
      const failures = await db.outboxEmail.aggregate({ _sum: { attempts: true }, where: { ticketId: { in: [...accepted] } } });
      results.push({
        scenario: "relay refusing (421) then dropping connections",
        ok: check.ok,
        figures: { arrived: mail.received() - receivedBefore, totalAttempts: failures._sum.attempts ?? 0, ...check },
      });
    }

    // 4. PostgreSQL restarted under load.
    {
      const before = accepted.size;
      let firstFailure = 0;
      let lastFailure = 0;
      const load = runPool(AGENTS, 400, async (w) => {
        try {
          await issueOne(w);
        } catch (error) {
          lastFailure = performance.now();
          firstFailure ||= lastFailure;
          await sleep(100);
          throw error;
        }
      });
      await sleep(2000);
      const restartAt = performance.now();
      cluster.restart();
      const restartedAt = performance.now();
      admin = await connectAdmin();
      const result = await load;
      const check = await emailsCheck(mail, 10);
      results.push({
        scenario: "PostgreSQL restarted (fast) under load",
        ok: check.ok && accepted.size > before,
        figures: {
          requests: 400,
          failedRequests: result.errors,
          restartTookS: Number(((restartedAt - restartAt) / 1000).toFixed(1)),
          failingForS: firstFailure ? Number(((lastFailure - firstFailure) / 1000).toFixed(1)) : 0,
          recoveredAfterRestartS: lastFailure > restartedAt ? Number(((lastFailure - restartedAt) / 1000).toFixed(1)) : 0,
          ...check,
        },
      });
    }

    // 5. The database read-only: clear answers, nothing written; then writable again.
    {
      const ticketsBefore = await db.ticket.count();
      await admin.query(`ALTER DATABASE console SET default_transaction_read_only = on`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'console' AND pid <> pg_backend_pid()`);
      await sleep(500);
      const answers: number[] = [];
      const messages = new Set<string>();
      for (let i = 0; i < 10; i++) {
        const device = nextDevice();
        const response = await fetch(`${BASE}/api/v1/tickets`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: cookies[i % AGENTS]! },
          body: JSON.stringify({
            customerName: "RO",
            customerEmail: device.owner,
            channel: "EMAIL",
            challengeText: recorderChallenge({ serial: device.serial, reservedEmail: device.owner, keys: TEST_KEYS }),
          }),
        }).catch(() => null);
        answers.push(response?.status ?? 0);
        if (response) messages.add(((await response.json().catch(() => ({}))) as { message?: string }).message ?? "");
      }
      await admin.query(`ALTER DATABASE console SET default_transaction_read_only = off`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'console' AND pid <> pg_backend_pid()`);
      await sleep(500);
      const db2 = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 1 }) });
      const ticketsAfter = await db2.ticket.count();
      let recovered = false;
      for (let i = 0; i < 40 && !recovered; i++)
        recovered = await issueOne(0).then(
          () => true,
          () => sleep(250).then(() => false),
        );
      await db2.$disconnect();
      results.push({
        scenario: "database read-only",
        ok: ticketsAfter === ticketsBefore && recovered,
        figures: {
          answers: [...new Set(answers)].join(","),
          message: [...messages].join(" | ").slice(0, 120),
          written: ticketsAfter - ticketsBefore,
          recovered: String(recovered),
        },
      });
    }

    // 6. The database full: the tables a new ticket writes live on a small volume, filled up.
    {
      const volume = smallVolume(24);
      if (!volume) results.push({ scenario: "database full", ok: true, figures: { notRun: "needs root to mount a small volume" } });
      else {
        try {
          await admin.query(`CREATE TABLESPACE small_volume LOCATION '${volume.dir}'`);
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          for (const table of ["Ticket", "AuditEvent", "OutboxEmail"]) {
            await client.query(`ALTER TABLE "${table}" SET TABLESPACE small_volume`);
            // Packed tight: under concurrent inserts PostgreSQL adds spare empty pages, which would take the next tickets.
            await client.query(`VACUUM FULL "${table}"`);
          }
          await client.end();
          volume.fill(0);
          const before = { tickets: await db.ticket.count(), events: await db.auditEvent.count() };
          const answers = new Map<string, number>();
          const messages = new Set<string>();
          let created = 0;
          // Until the pages that still had room are used up, some requests succeed; then every one is refused.
          for (let i = 0; i < 60; i++) {
            const device = nextDevice();
            const response = await fetch(`${BASE}/api/v1/tickets`, {
              method: "POST",
              headers: { "Content-Type": "application/json", Cookie: cookies[i % AGENTS]! },
              body: JSON.stringify({
                customerName: "Full",
                customerEmail: device.owner,
                channel: "EMAIL",
                challengeText: recorderChallenge({ serial: device.serial, reservedEmail: device.owner, keys: TEST_KEYS }),
              }),
            }).catch(() => null);
            const status = String(response?.status ?? 0);
            answers.set(status, (answers.get(status) ?? 0) + 1);
            if (response?.status === 201) created++;
            else if (response) messages.add(((await response.json().catch(() => ({}))) as { message?: string }).message ?? "");
          }
          const after = { tickets: await db.ticket.count(), events: await db.auditEvent.count() };
          // Nothing half-written: every ticket that exists has its creation event, and only accepted ones exist.
          const orphans = await db.$queryRaw<
            { n: bigint }[]
          >`SELECT count(*) AS n FROM "Ticket" t WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."ticketId" = t.id AND e.action = 'ticket.created')`;
          volume.free();
          let recovered = false;
          for (let i = 0; i < 40 && !recovered; i++)
            recovered = await issueOne(0).then(
              () => true,
              () => sleep(250).then(() => false),
            );
          const refused = answers.get("503") ?? 0;
          results.push({
            scenario: "database full (tables' volume out of space)",
            ok: refused > 0 && after.tickets - before.tickets === created && Number(orphans[0]!.n) === 0 && recovered,
            figures: {
              answers: [...answers].map(([s, n]) => `${n}×${s}`).join(" "),
              message: [...messages].join(" | ").slice(0, 120),
              written: after.tickets - before.tickets,
              accepted: created,
              ticketsWithoutEvent: Number(orphans[0]!.n),
              recovered: String(recovered),
            },
          });
        } finally {
          volume.free();
          // Back on the main volume, so the cluster can be stopped and the small one unmounted.
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          for (const table of ["Ticket", "AuditEvent", "OutboxEmail"])
            await client.query(`ALTER TABLE "${table}" SET TABLESPACE pg_default`).catch(() => undefined);
          await client.end();
          await admin.query(`DROP TABLESPACE IF EXISTS small_volume`).catch(() => undefined);
          volume.close();
        }
      }
    }
  } finally {
    for (const server of servers) if (server) stopServer(server);
    stopServer(worker);
    await proxy.close();
    await mail.close();
  }
  // The audit chain after everything.
  const verifyDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  const verdict = await runVerifyCli({ argv: [], db: verifyDb, print: () => {} });
  await verifyDb.$disconnect();
  await db.$disconnect();
  await admin.end();
  cluster.stop();
  results.push({ scenario: "audit chain verifies afterwards", ok: verdict.exitCode === 0, figures: { events: verdict.report?.checked ?? 0 } });

  console.log("\nbench:faults  (scratch PostgreSQL, two app instances behind a proxy, one external outbox worker, real SMTP listener)");
  console.log("| scenario | ok | figures |");
  console.log("|---|---|---|");
  for (const r of results)
    console.log(
      `| ${r.scenario} | ${r.ok ? "yes" : "NO"} | ${Object.entries(r.figures)
        .map(([k, v]) => `${k} ${typeof v === "number" ? Number(v.toFixed(1)) : v}`)
        .join(", ")} |`,
    );
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/faults.json", JSON.stringify(results, null, 2));
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

await main();
