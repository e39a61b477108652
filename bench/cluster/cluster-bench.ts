// npm run bench:cluster : the console as production runs it, several instances on one PostgreSQL.
// Two phases in one run, same database, same load: (1) one app instance, (2) two app instances;
// each time behind a small round-robin proxy, with one external outbox worker and a real SMTP
// listener that counts arrivals by Message-ID. 50 agents sign in and run the issue path (open a
// ticket from a recorder's challenge, checks, issue the code). Reported per phase: throughput,
// p50/p99, failed requests, and emails expected / delivered / duplicated once the outbox drains.
import type { ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter } from "@/lib/db/migration-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { buildConsole, consoleEnv, createAndIssue, runPool, seedConsole, signIn, startServer, startWorker, stopServer } from "../support/console-bench";
import { startMailCounter } from "../support/mail-counter";
import { startProxy } from "../support/round-robin-proxy";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PROXY_PORT = Number(process.env.BENCH_PORT ?? 3950);
const APP_PORTS = [PROXY_PORT + 1, PROXY_PORT + 2];
const SMTP_PORT = PROXY_PORT + 3;
const BASE = `http://127.0.0.1:${PROXY_PORT}`;
const DIST = ".next-bench";
const AGENTS = 50;
const OPS = Number(process.env.BENCH_OPS ?? 400);

async function waitForDrain(db: PrismaClient, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const pending = await db.outboxEmail.count({ where: { status: { in: ["PENDING", "SENDING"] } } });
    if (pending === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs) throw new Error(`outbox did not drain: ${pending} left`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  if (!process.argv.includes("--no-build")) buildConsole(DIST);
  const name = `reset_console_cluster_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await applyMigrations(createMigrationAdapter({ engine: "postgresql", url: url.toString() }));
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString(), max: 2 }) });
  const seeded = await seedConsole(db, { agents: AGENTS, devices: 2 * OPS + 100 });
  const mail = await startMailCounter(SMTP_PORT);
  const env = {
    ...consoleEnv(BASE, DIST),
    DATABASE_URL: url.toString(),
    DATABASE_POOL_SIZE: "15",
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    MAIL_FROM: "Reset Console <support@recorders.example>",
    OUTBOX_POLL_MS: "200",
    OUTBOX_BATCH_SIZE: "20",
  };
  const worker = startWorker(env);
  const servers: ChildProcess[] = [];
  const rows: string[] = [];
  const results: unknown[] = [];
  let deviceCursor = 0;
  try {
    for (const instances of [1, 2]) {
      while (servers.length < instances) servers.push(await startServer({ port: APP_PORTS[servers.length]!, env }));
      const proxy = await startProxy(PROXY_PORT, APP_PORTS.slice(0, instances));
      const cookies: string[] = [];
      for (let i = 0; i < AGENTS; i++) cookies.push(await signIn(BASE, seeded.agents[i]!, `10.8.0.${i}`));
      const receivedBefore = mail.received();
      const sentBefore = await db.outboxEmail.count({ where: { kind: "RESET_CODE" } });
      // Warm-up on every instance (route compilation, pools, JIT), not measured.
      await runPool(instances * 4, instances * 8, async (w) => void (await createAndIssue(BASE, cookies[w]!, seeded.devices[deviceCursor++]!)));
      const warmEmails = (await db.outboxEmail.count({ where: { kind: "RESET_CODE" } })) - sentBefore;
      const result = await runPool(AGENTS, OPS, async (w) => void (await createAndIssue(BASE, cookies[w]!, seeded.devices[deviceCursor++]!)));
      const drainS = await waitForDrain(db);
      const expected = (await db.outboxEmail.count({ where: { kind: "RESET_CODE" } })) - sentBefore;
      const received = mail.received() - receivedBefore;
      const row = {
        instances,
        ops: OPS,
        perSecond: result.perSecond,
        p50: result.p50,
        p99: result.p99,
        errors: result.errors,
        emailsExpected: expected,
        emailsReceived: received,
        warmEmails,
        duplicates: mail.duplicates().length,
        drainS,
      };
      results.push(row);
      rows.push(
        `| ${instances} | ${OPS} | ${result.perSecond.toFixed(1)} | ${result.p50.toFixed(0)} | ${result.p99.toFixed(0)} | ${result.errors} | ${expected} | ${received} | ${row.duplicates} | ${drainS.toFixed(1)} |`,
      );
      console.error(rows[rows.length - 1]);
      await proxy.close();
    }
  } finally {
    for (const server of servers) stopServer(server);
    stopServer(worker);
    await mail.close();
    await db.$disconnect();
    await new Promise((r) => setTimeout(r, 1500));
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
  const [one, two] = results as { perSecond: number; p99: number }[];
  console.log(`\nbench:cluster  ${AGENTS} agents, ${OPS} tickets per phase, one external outbox worker, PostgreSQL, ${process.env.NODE_ENV ?? ""}`);
  console.log(
    "| app instances | tickets | tickets/s | p50 ms | p99 ms | failed requests | emails queued | emails at SMTP | duplicated Message-IDs | drain s |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) console.log(row);
  if (one && two) console.log(`\ntwo instances ÷ one: throughput ${(two.perSecond / one.perSecond).toFixed(2)}×, p99 ${(two.p99 / one.p99).toFixed(2)}×`);
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/cluster.json", JSON.stringify(results, null, 2));
  const lost = (results as { emailsExpected: number; emailsReceived: number; warmEmails: number; errors: number }[]).some(
    (r) => r.emailsReceived !== r.emailsExpected || r.errors > 0,
  );
  process.exit(lost || mail.duplicates().length ? 1 : 0);
}

await main();
