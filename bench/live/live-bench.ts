// npm run bench:live : what live updates cost one app instance on PostgreSQL. Starts the live
// server (bench/live/live-server.ts: the console's own stream code) on a fresh database, then
// measures three phases of the same run, on 127.0.0.1 only and bounded in time:
//   idle       no consoles, no changes (the baseline);
//   connected  N consoles (signed-in sessions) hold a stream open, no changes (heartbeats);
//   changes    the same consoles while tickets change at a steady rate.
// Reported: the app process's CPU per phase (ms of CPU per second) and as a ratio to idle, and
// the delay from each committed change to its event reaching every console (p50/p95/max).
// Knobs: LIVE_BENCH_CONSOLES (200), LIVE_BENCH_SUPERVISORS (share, 0.25), LIVE_BENCH_RATE
// (changes/s, 5), LIVE_BENCH_SECONDS (per phase, 15).
import { spawn } from "node:child_process";
import http from "node:http";
import { createInterface } from "node:readline";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter } from "@/lib/db/migration-adapter";

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const CONSOLES = Number(process.env.LIVE_BENCH_CONSOLES ?? 200);
const SUPERVISOR_SHARE = Number(process.env.LIVE_BENCH_SUPERVISORS ?? 0.25);
const RATE = Number(process.env.LIVE_BENCH_RATE ?? 5);
const SECONDS = Number(process.env.LIVE_BENCH_SECONDS ?? 15);
const DB_NAME = `reset_console_bench_live_${process.pid}`;

function dbUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") throw new Error("bench:live runs against a local PostgreSQL only");
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seeds staff with open sessions and returns the session ids (a quarter supervisors) and a ticket author. */
async function seed(client: pg.Client): Promise<{ sessions: string[]; authorId: string }> {
  const supervisors = Math.round(CONSOLES * SUPERVISOR_SHARE);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "User" (id, email, name, role, "updatedAt")
     SELECT gen_random_uuid(), 'bench-' || i || '@bench.test', 'Bench ' || i,
            (CASE WHEN i < $2 THEN 'SUPERVISOR' ELSE 'AGENT' END)::"Role", now()
     FROM generate_series(0, $1) AS i RETURNING id`,
    [CONSOLES, supervisors],
  );
  const staff = rows.map((r) => r.id);
  const authorId = staff.pop()!;
  const sessions = await client.query<{ id: string }>(
    `INSERT INTO "UserSession" (id, "userId", "expiresAt") SELECT gen_random_uuid(), u, now() + interval '1 hour' FROM unnest($1::uuid[]) AS u RETURNING id`,
    [staff],
  );
  return { sessions: sessions.rows.map((r) => r.id), authorId };
}

type Console = { arrivals: Map<string, number>; ready: Promise<void>; close(): void };

/** One signed-in console: an SSE stream whose `ticket` events are timed on arrival. */
function openConsole(port: number, sid: string): Console {
  const arrivals = new Map<string, number>();
  let request: http.ClientRequest | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    request = http.get({ host: "127.0.0.1", port, path: "/api/v1/events", headers: { cookie: `sid=${sid}` }, agent: false }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      response.setEncoding("utf8");
      let buffer = "";
      response.on("data", (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.startsWith("event: ready")) resolve();
          else if (message.startsWith("event: ticket")) {
            const event = JSON.parse(message.slice(message.indexOf("data: ") + 6)) as { ticketId: string; status: string };
            arrivals.set(`${event.ticketId}:${event.status}`, performance.now());
          }
        }
      });
      response.on("error", () => undefined);
    });
    request.on("error", reject);
  });
  return { arrivals, ready, close: () => request?.destroy() };
}

async function cpu(port: number): Promise<{ cpuMs: number; subscribers: number }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/cpu", agent: false }, (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve(JSON.parse(body)));
      })
      .on("error", reject);
  });
}

/** The app's CPU per wall second over `seconds`, while `during` runs. */
async function measure(port: number, seconds: number, during?: (until: number) => Promise<void>): Promise<number> {
  const before = await cpu(port);
  const start = performance.now();
  const until = start + seconds * 1000;
  if (during) await during(until);
  const left = until - performance.now();
  if (left > 0) await sleep(left);
  const after = await cpu(port);
  return (after.cpuMs - before.cpuMs) / ((performance.now() - start) / 1000);
}

async function main() {
  await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${DB_NAME}"`);
  const url = dbUrl(DB_NAME);
  // tsx as a loader of this very node binary: one process, so its pid and CPU are the app's.
  const server = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/live/live-server.ts"], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const consoles: Console[] = [];
  try {
    await applyMigrations(createMigrationAdapter({ engine: "postgresql", url }));
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    const { sessions, authorId } = await seed(writer);
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
      server.once("exit", (code) => reject(new Error(`live server exited (${code})`)));
    });
    await sleep(1000);
    console.log(`bench:live  ${CONSOLES} consoles (${Math.round(CONSOLES * SUPERVISOR_SHARE)} supervisors), ${RATE} changes/s, ${SECONDS} s per phase`);

    const idle = await measure(port, SECONDS);
    for (const sid of sessions) consoles.push(openConsole(port, sid));
    await Promise.all(consoles.map((c) => c.ready));
    const { subscribers } = await cpu(port);
    if (subscribers !== CONSOLES) throw new Error(`expected ${CONSOLES} subscribers, the server has ${subscribers}`);
    // Let the first badge counts and connection set-up finish: this phase is the steady state.
    await sleep(2000);
    const connected = await measure(port, SECONDS);

    // Each change: a new unassigned REVIEW ticket (every console may see it), or a decision on
    // the previous one. The commit time is taken when COMMIT returns.
    const committed = new Map<string, number>();
    let previous: string | null = null;
    const changes = await measure(port, SECONDS, async (until) => {
      const interval = 1000 / RATE;
      for (let next = performance.now(); next < until - 1000; next += interval) {
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
        await writer.query("BEGIN");
        let key: string;
        if (previous) {
          const { rows } = await writer.query<{ id: string }>(`UPDATE "Ticket" SET status = 'APPROVED', "updatedAt" = now() WHERE id = $1 RETURNING id`, [
            previous,
          ]);
          key = `${rows[0]!.id}:APPROVED`;
          previous = null;
        } else {
          const { rows } = await writer.query<{ id: string }>(
            `INSERT INTO "Ticket" (id, "customerName", "customerEmail", channel, status, decision, checks, "createdById", "updatedAt")
             VALUES (gen_random_uuid(), 'Bench', 'bench@customer.test', 'PHONE', 'REVIEW', 'REVIEW', '[]', $1, now()) RETURNING id`,
            [authorId],
          );
          previous = rows[0]!.id;
          key = `${previous}:REVIEW`;
        }
        await writer.query("COMMIT");
        committed.set(key, performance.now());
      }
    });
    await sleep(1000);
    await writer.end();

    const delays: number[] = [];
    let missing = 0;
    for (const [key, at] of committed) {
      for (const c of consoles) {
        const arrived = c.arrivals.get(key);
        if (arrived === undefined) missing++;
        else delays.push(Math.max(0, arrived - at));
      }
    }
    delays.sort((a, b) => a - b);
    const ratio = (value: number) => (idle > 0 ? `${(value / idle).toFixed(1)}x idle` : "n/a");
    console.log(`changes committed: ${committed.size}; events expected: ${committed.size * CONSOLES}, arrived: ${delays.length}, missing: ${missing}`);
    console.log("app CPU (ms of CPU per second; 1000 = one core):");
    console.log(`  idle, no consoles       ${idle.toFixed(1)}`);
    console.log(`  ${CONSOLES} consoles, no changes ${connected.toFixed(1)}  (${ratio(connected)}, +${(connected - idle).toFixed(1)})`);
    console.log(`  ${CONSOLES} consoles, ${RATE}/s changes ${changes.toFixed(1)}  (${ratio(changes)}, +${(changes - idle).toFixed(1)})`);
    console.log(
      `delay commit -> event at the console (ms): p50 ${percentile(delays, 50).toFixed(1)}, p95 ${percentile(delays, 95).toFixed(1)}, max ${(delays.at(-1) ?? NaN).toFixed(1)}`,
    );
    if (missing > 0) process.exitCode = 1;
  } finally {
    for (const c of consoles) c.close();
    server.kill("SIGTERM");
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
    await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  }
}

await main();
