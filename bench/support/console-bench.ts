// What the HTTP benchmarks share: seeding agents and recorders, signing in through next-auth,
// serving a built console, the create-and-issue operation, and a fixed-concurrency pool.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { hashPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recorderChallenge, TEST_KEYS } from "@/lib/testing/fixtures";

export const BENCH_PASSWORD = "bench-agent-password";
/** The published RP1 vector key: a production build accepts it only with ALLOW_TEST_KEYS=1. */
export const BENCH_KEYS_ENV = "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

export type Device = { serial: string; owner: string };

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** `agents` agents and `devices` recorders with owners; velocity limits lifted (throughput, not policy). */
export async function seedConsole(db: PrismaClient, counts: { agents: number; devices: number }): Promise<{ agents: string[]; devices: Device[] }> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const agents = Array.from({ length: counts.agents }, (_, i) => `bench-agent-${i}@bench.test`);
  await db.user.createMany({ data: agents.map((email, i) => ({ email, name: `Agent ${i}`, role: "AGENT" as const, passwordHash })) });
  const devices: Device[] = Array.from({ length: counts.devices }, (_, i) => ({
    serial: `BENCH-${String(i).padStart(6, "0")}`,
    owner: `owner${i}@bench.test`,
  }));
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
  for (const key of ["maxIssuesPerDevice30d", "maxIssuesPerRequesterPerDay", "maxIssuesPerAgentPerHour"]) {
    await db.setting.create({ data: { key, value: 1_000_000 } });
  }
  return { agents, devices };
}

/** The environment every benchmarked `next start` gets on top of its own. */
export function consoleEnv(base: string, dist: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_DIST_DIR: dist,
    NEXTAUTH_URL: base,
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret",
    MFA_ENCRYPTION_KEY: "b3".repeat(32),
    RESET_MASTER_KEYS: BENCH_KEYS_ENV,
    ALLOW_TEST_KEYS: "1",
    OUTBOX_WORKER: "external",
    DISABLE_HSTS: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
}

/** `next build` into `dist` (the benches' own build folder); exits on failure. */
export function buildConsole(dist: string): void {
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(1);
}

/** The external outbox worker (`npm run outbox:worker`) as its own process group. */
export function startWorker(env: Record<string, string>): ChildProcess {
  return spawn("npx", ["tsx", "--import", "./lib/cli/server-only-hooks.mjs", "lib/outbox/cli.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
}

/** A built console on `port` (its own process group, so stopServer takes npx's children too). */
export async function startServer(options: { port: number; env: Record<string, string> }): Promise<ChildProcess> {
  const server = spawn("npx", ["next", "start", "-p", String(options.port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`http://127.0.0.1:${options.port}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server on ${options.port} did not start`);
}

export function stopServer(server: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  try {
    process.kill(-server.pid!, signal);
  } catch {
    /* already gone */
  }
}

/** A session cookie for `email`, signed in through next-auth's credentials callback. */
export async function signIn(base: string, email: string, ip: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { "X-Forwarded-For": ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, "X-Forwarded-For": ip },
    body: new URLSearchParams({ csrfToken, email, password: BENCH_PASSWORD, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return `${cookie}; ${session.split(";")[0]}`;
}

/** The agent's whole path for one owner: open a ticket from the recorder's challenge (checks run), then issue the code. */
export async function createAndIssue(base: string, cookie: string, device: Device): Promise<string> {
  const headers = { "Content-Type": "application/json", Cookie: cookie };
  const body = {
    customerName: "Bench",
    customerEmail: device.owner,
    channel: "EMAIL",
    challengeText: recorderChallenge({ serial: device.serial, reservedEmail: device.owner, keys: TEST_KEYS }),
  };
  const created = await fetch(`${base}/api/v1/tickets`, { method: "POST", headers, body: JSON.stringify(body) });
  const ticket = (await created.json()) as { id?: string; status?: string };
  if (created.status !== 201 || ticket.status !== "READY") throw new Error(`create ${created.status} ${ticket.status}`);
  const issued = await fetch(`${base}/api/v1/tickets/${ticket.id}/issue`, { method: "POST", headers, body: "{}" });
  await issued.arrayBuffer();
  if (issued.status !== 201) throw new Error(`issue ${issued.status}`);
  return ticket.id!;
}

/** Runs `total` operations with `concurrency` workers; latencies and errors of each. */
export async function runPool(concurrency: number, total: number, op: (worker: number, i: number) => Promise<void>) {
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
