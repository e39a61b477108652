// npm run bench:issue : tickets created, verified and issued per second through the real HTTP
// path (a built `next start`, session cookies, the JSON API the console's own checks sit behind),
// with 1, 10 and 50 concurrent agents, on PGlite and on PostgreSQL. Baseline in the same run:
// GET /api/health at the same concurrency (the HTTP + database round trip with no work).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { hashPassword } from "@/lib/auth/password";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter, pgliteMigrationAdapter } from "@/lib/db/migration-adapter";
import { openPGlite } from "@/lib/db/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { recorderChallenge, TEST_KEYS } from "@/lib/testing/fixtures";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const PORT = Number(process.env.BENCH_PORT ?? 3900);
const BASE = `http://127.0.0.1:${PORT}`;
const DIST = ".next-bench";
const AGENTS = 50;
const DEVICES = 500;
const LEVELS = (process.env.BENCH_LEVELS ?? "1,10,50").split(",").map(Number);
const OPS_PER_AGENT = Number(process.env.BENCH_OPS_PER_AGENT ?? 0);
const PASSWORD = "bench-agent-password";
const KEYS_ENV = "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

type Device = { serial: string; owner: string };

function opsFor(concurrency: number): number {
  return OPS_PER_AGENT ? OPS_PER_AGENT * concurrency : Math.max(60, concurrency * 8);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function seed(db: PrismaClient): Promise<{ agents: string[]; devices: Device[] }> {
  const passwordHash = await hashPassword(PASSWORD);
  const agents = Array.from({ length: AGENTS }, (_, i) => `bench-agent-${i}@bench.test`);
  await db.user.createMany({ data: agents.map((email, i) => ({ email, name: `Agent ${i}`, role: "AGENT" as const, passwordHash })) });
  const devices: Device[] = Array.from({ length: DEVICES }, (_, i) => ({ serial: `BENCH-${String(i).padStart(6, "0")}`, owner: `owner${i}@bench.test` }));
  await db.owner.createMany({ data: devices.map((d) => ({ email: d.owner, name: "Owner" })) });
  const owners = new Map((await db.owner.findMany({ select: { id: true, email: true } })).map((o) => [o.email, o.id]));
  await db.device.createMany({
    data: devices.map((d) => ({
      serial: d.serial,
      model: "NVR-8016",
      mac: "A1B2C3D4E5F6",
      keyVersion: 1,
      ownerId: owners.get(d.owner),
      ownerSince: new Date(),
      ownerSource: "bench",
    })),
  });
  // Throughput, not policy: lift the velocity limits that would send repeat resets to review.
  for (const key of ["maxIssuesPerDevice30d", "maxIssuesPerRequesterPerDay", "maxIssuesPerAgentPerHour"]) {
    await db.setting.create({ data: { key, value: 1_000_000 } });
  }
  return { agents, devices };
}

async function prepare(
  engine: "pglite" | "postgresql",
): Promise<{ env: Record<string, string>; seeded: { agents: string[]; devices: Device[] }; cleanup(): Promise<void> }> {
  if (engine === "pglite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "bench-pglite-"));
    const client = openPGlite(dir);
    await applyMigrations(pgliteMigrationAdapter(client));
    const db = new PrismaClient({ adapter: new PrismaPGlite(client) });
    const seeded = await seed(db);
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
  const seeded = await seed(db);
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

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST,
      NEXTAUTH_URL: BASE,
      NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
      RESET_MASTER_KEYS: KEYS_ENV,
      ALLOW_TEST_KEYS: "1",
      OUTBOX_WORKER: "external",
      DISABLE_HSTS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${BASE}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

function stopServer(server: ChildProcess) {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
}

async function signIn(email: string, ip: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`, { headers: { "X-Forwarded-For": ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "X-Forwarded-For": ip },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return `${cookie}; ${session.split(";")[0]}`;
}

async function runPool(concurrency: number, total: number, op: (worker: number, i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = performance.now();
        try {
          await op(worker, i);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
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
    const server = await startServer(env);
    try {
      const cookies: string[] = [];
      for (let i = 0; i < AGENTS; i++) cookies.push(await signIn(seeded.agents[i]!, `10.9.${Math.floor(i / 200)}.${i % 200}`));
      let deviceCursor = 0;
      const createAndIssue = async (worker: number) => {
        const device = seeded.devices[deviceCursor++ % seeded.devices.length]!;
        const headers = { "Content-Type": "application/json", Cookie: cookies[worker]! };
        const body = {
          customerName: "Bench",
          customerEmail: device.owner,
          channel: "EMAIL",
          challengeText: recorderChallenge({ serial: device.serial, reservedEmail: device.owner, keys: TEST_KEYS }),
        };
        const created = await fetch(`${BASE}/api/v1/tickets`, { method: "POST", headers, body: JSON.stringify(body) });
        const ticket = (await created.json()) as { id?: string; status?: string };
        if (created.status !== 201 || ticket.status !== "READY") throw new Error(`create ${created.status} ${ticket.status}`);
        const issued = await fetch(`${BASE}/api/v1/tickets/${ticket.id}/issue`, { method: "POST", headers, body: "{}" });
        await issued.arrayBuffer();
        if (issued.status !== 201) throw new Error(`issue ${issued.status}`);
      };
      // Warm-up (route compilation, connection pools, JIT) is not measured.
      await runPool(5, 20, createAndIssue);
      for (const concurrency of LEVELS) {
        const total = opsFor(concurrency);
        const baseline = await runPool(concurrency, total, async () => {
          const r = await fetch(`${BASE}/api/health`);
          if (!r.ok) throw new Error("health");
          await r.arrayBuffer();
        });
        const result = await runPool(concurrency, total, createAndIssue);
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
