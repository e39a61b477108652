import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { runDueJobs, runJobOnce, SCHEDULER_LOCK_SPACE, type ScheduledJob } from "./run-job-once";

const NOW = new Date("2026-12-06T12:00:00Z");
const MINUTE = 60_000;

/** A job that counts its runs in the database (a Setting row), taking `holdMs` inside its transaction. */
function countingJob(options: { holdMs?: number; fail?: boolean } = {}): ScheduledJob & { key: string } {
  const name = `test.${randomUUID().slice(0, 8)}`;
  const key = `${name}.runs`;
  return {
    name,
    key,
    intervalMs: 5 * MINUTE,
    run: async (tx) => {
      const row = await tx.setting.findUnique({ where: { key } });
      const runs = ((row?.value as number | undefined) ?? 0) + 1;
      await tx.setting.upsert({ where: { key }, create: { key, value: runs }, update: { value: runs } });
      if (options.holdMs) await new Promise((resolve) => setTimeout(resolve, options.holdMs));
      if (options.fail) throw new Error("job failed on purpose");
      return { runs };
    },
  };
}

describe.each(ENGINES)("scheduler on %s", (engine) => {
  let t: TestDatabase;
  /** A second app instance: its own client (on PGlite the one database has one owner, so the same client). */
  let other: PrismaClient;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    // PGlite opens its data folder on first use: outside the timed transactions below.
    await t.db.$queryRaw`SELECT 1`;
    other = t.url ? new PrismaClient({ adapter: new PrismaPg({ connectionString: t.url, max: 3 }) }) : t.db;
  });
  afterAll(async () => {
    if (other !== t.db) await other.$disconnect();
    await t.close();
  });
  const runsOf = async (job: { key: string }) => ((await t.db.setting.findUnique({ where: { key: job.key } }))?.value as number | undefined) ?? 0;

  it("two instances running the same job at once: it runs once", async () => {
    const job = countingJob({ holdMs: 200 });
    const results = await Promise.all([
      runJobOnce({ db: t.db, job, now: NOW }),
      runJobOnce({ db: other, job, now: NOW }),
      runJobOnce({ db: t.db, job, now: NOW }),
    ]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(await runsOf(job)).toBe(1);
    expect(await t.db.scheduledJob.findUniqueOrThrow({ where: { name: job.name } })).toMatchObject({
      runs: 1,
      nextRunAt: new Date(NOW.getTime() + 5 * MINUTE),
    });
    const skipped = results.flatMap((r) => (r.ran ? [] : [r.reason]));
    // PostgreSQL: the others find the advisory lock taken. PGlite runs transactions one at a time,
    // where the due time stops them.
    if (engine === "postgresql") expect(skipped).toContain("locked");
    else expect(skipped).toEqual(["not-due", "not-due"]);
  });

  it("the interval holds across instances: not due before it, due again after it", async () => {
    const job = countingJob();
    expect(await runJobOnce({ db: t.db, job, now: NOW })).toMatchObject({ ran: true });
    expect(await runJobOnce({ db: other, job, now: new Date(NOW.getTime() + 4 * MINUTE) })).toMatchObject({ ran: false, reason: "not-due" });
    expect(await runJobOnce({ db: other, job, now: new Date(NOW.getTime() + 5 * MINUTE) })).toMatchObject({ ran: true });
    expect(await runsOf(job)).toBe(2);
  });

  it("a failed run commits nothing and is tried again at the next tick; other jobs still run", async () => {
    const failing = countingJob({ fail: true });
    const fine = countingJob();
    const runs = await runDueJobs({ db: t.db, jobs: [failing, fine], now: NOW });
    expect(runs[0]).toMatchObject({ name: failing.name, ran: false, error: "job failed on purpose" });
    expect(runs[1]).toMatchObject({ name: fine.name, ran: true });
    expect(await runsOf(failing)).toBe(0);
    expect(await t.db.scheduledJob.findUnique({ where: { name: failing.name } })).toBeNull();
    expect(await runJobOnce({ db: t.db, job: { ...failing, run: fine.run }, now: NOW })).toMatchObject({ ran: true });
  });
});

// A lock held by another session is a PostgreSQL matter: PGlite has one session.
describe("scheduler on postgresql, lock held elsewhere", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase("postgresql");
  });
  afterAll(() => t.close());
  const runsOf = async (job: { key: string }) => ((await t.db.setting.findUnique({ where: { key: job.key } }))?.value as number | undefined) ?? 0;

  it("while another session holds the job's lock, a run skips at once instead of waiting", async () => {
    const job = countingJob();
    const holder = new pg.Client({ connectionString: t.url! });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1::int4, hashtext($2))", [SCHEDULER_LOCK_SPACE, job.name]);
      expect(await runJobOnce({ db: t.db, job, now: NOW })).toEqual({ name: job.name, ran: false, reason: "locked" });
      expect(await runsOf(job)).toBe(0);
      await holder.query("SELECT pg_advisory_unlock($1::int4, hashtext($2))", [SCHEDULER_LOCK_SPACE, job.name]);
      expect(await runJobOnce({ db: t.db, job, now: NOW })).toMatchObject({ ran: true });
    } finally {
      await holder.end();
    }
  });
});
