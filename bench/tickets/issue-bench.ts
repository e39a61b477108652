// npm run bench:issue : tickets created, verified and issued per second through the real HTTP
// path (a built `next start`, session cookies, the JSON API the console's own checks sit behind),
// with 1, 10 and 50 concurrent agents, on PGlite and on PostgreSQL. Baseline in the same run:
// GET /api/health at the same concurrency (the HTTP + database round trip with no work).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter, pgliteMigrationAdapter } from "@/lib/db/migration-adapter";
import { openPGlite } from "@/lib/db/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { consoleEnv, createAndIssue, runPool, seedConsole, signIn, startServer, stopServer, type Device } from "../support/console-bench";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.BENCH_PORT ?? 3900);
const BASE = `http://127.0.0.1:${PORT}`;
const DIST = ".next-bench";
const AGENTS = 50;
const DEVICES = 500;
const LEVELS = (process.env.BENCH_LEVELS ?? "1,10,50").split(",").map(Number);
const OPS_PER_AGENT = Number(process.env.BENCH_OPS_PER_AGENT ?? 0);

function opsFor(concurrency: number): number {
  return OPS_PER_AGENT ? OPS_PER_AGENT * concurrency : Math.max(60, concurrency * 8);
}

async function prepare(
  engine: "pglite" | "postgresql",
): Promise<{ env: Record<string, string>; seeded: { agents: string[]; devices: Device[] }; cleanup(): Promise<void> }> {
  if (engine === "pglite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-pglite-"));
    const client = openPGlite(dir);
    await applyMigrations(pgliteMigrationAdapter(client));
    const db = new PrismaClient({ adapter: new PrismaPGlite(client) });
    const seeded = await seedConsole(db, { agents: AGENTS, devices: DEVICES });
    await db.$disconnect();
    await client.close();
    return { env: { PGLITE_DIR: dir, DATABASE_URL: "" }, seeded, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `reset_console_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await applyMigrations(createMigrationAdapter({ engine: "postgresql", url: url.toString() }));
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
  const seeded = await seedConsole(db, { agents: AGENTS, devices: DEVICES });
  await db.$disconnect();
  return {
    env: { DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "20" },
    seeded,
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main() {
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) process.exit(1);
  }
  const rows: string[] = [];
  const json: unknown[] = [];
  for (const engine of ["pglite", "postgresql"] as const) {
    const { env, seeded, cleanup } = await prepare(engine);
    const server = await startServer({ port: PORT, env: { ...consoleEnv(BASE, DIST), ...env } });
    try {
      const cookies: string[] = [];
      for (let i = 0; i < AGENTS; i++) cookies.push(await signIn(BASE, seeded.agents[i]!, `10.9.${Math.floor(i / 200)}.${i % 200}`));
      let deviceCursor = 0;
      const createAndIssueNext = async (worker: number) => {
        await createAndIssue(BASE, cookies[worker]!, seeded.devices[deviceCursor++ % seeded.devices.length]!);
      };
      // Warm-up (route compilation, connection pools, JIT) is not measured.
      await runPool(5, 20, createAndIssueNext);
      for (const concurrency of LEVELS) {
        const total = opsFor(concurrency);
        const baseline = await runPool(concurrency, total, async () => {
          const r = await fetch(`${BASE}/api/health`);
          if (!r.ok) throw new Error("health");
          await r.arrayBuffer();
        });
        const result = await runPool(concurrency, total, createAndIssueNext);
        rows.push(
          `| ${engine} | ${concurrency} | ${total} | ${result.perSecond.toFixed(1)} | ${result.p50.toFixed(0)} | ${result.p99.toFixed(0)} | ${result.errors} | ${baseline.perSecond.toFixed(0)} | ${baseline.p50.toFixed(1)} | ${(baseline.perSecond / result.perSecond).toFixed(1)}× |`,
        );
        json.push({ engine, concurrency, total, result, baseline });
        console.error(rows[rows.length - 1]);
      }
    } finally {
      stopServer(server);
      await new Promise((r) => setTimeout(r, 1500));
      await cleanup();
    }
  }
  console.log(
    "\n| engine | agents | tickets | tickets/s (create+verify+issue) | p50 ms | p99 ms | errors | baseline GET /api/health req/s | baseline p50 ms | baseline ÷ tickets |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) console.log(row);
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/issue.json", JSON.stringify(json, null, 2));
  process.exit(0);
}

await main();
