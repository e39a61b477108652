import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReadiness } from "@/lib/db/check-readiness";
import { loadMigrations } from "@/lib/db/migrate";
import { ENGINES } from "@/lib/testing/databases";
import { TEST_KEYS } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { scrapeMetrics } from "./scrape";

/** The value of one sample line, e.g. `reset_outbox_pending 2`. */
function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : undefined;
}

describe.each(ENGINES)("metrics and readiness on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("reports the outbox's depth, its oldest pending email's age and the failures from the database", async () => {
    const now = new Date("2026-12-06T12:00:00Z");
    const email = (status: "PENDING" | "SENT" | "FAILED", ageS: number, key: string) => ({
      idempotencyKey: key,
      kind: "INVITATION",
      to: "x@example.test",
      payload: {},
      status,
      createdAt: new Date(now.getTime() - ageS * 1000),
    });
    await t.db.outboxEmail.createMany({ data: [email("PENDING", 90, "a"), email("PENDING", 30, "b"), email("SENT", 500, "c"), email("FAILED", 900, "d")] });
    const { body, contentType } = await scrapeMetrics(t.db, now);
    expect(contentType).toContain("text/plain");
    expect(sample(body, "reset_outbox_pending")).toBe(2);
    expect(sample(body, "reset_outbox_oldest_pending_age_seconds")).toBe(90);
    expect(sample(body, "reset_outbox_failed")).toBe(1);
    expect(sample(body, 'reset_tickets_open{status="READY"}')).toBe(0);
    // No audit event yet in this database, so nothing is left unsigned.
    expect(sample(body, "reset_audit_events_uncovered")).toBe(await t.db.auditEvent.count());
    expect(body).toContain("reset_console_process_cpu_seconds_total");
    expect(body).not.toContain("x@example.test");
  });

  it("is ready when migrated with keys, and names what is missing otherwise", async () => {
    expect(await checkReadiness({ db: t.db, loadKeys: () => TEST_KEYS })).toEqual({
      ready: true,
      checks: [
        { name: "database", ok: true, detail: "reachable" },
        { name: "migrations", ok: true, detail: "current" },
        { name: "keys", ok: true, detail: "loaded" },
      ],
    });
    // A build that ships a migration this database lacks stays out of the pool.
    const dir = mkdtempSync(path.join(os.tmpdir(), "migrations-"));
    for (const m of (await loadMigrations()).migrationDirectories) mkdirSync(path.join(dir, m.path));
    mkdirSync(path.join(dir, "29991231000000_future"));
    const behind = await checkReadiness({
      db: t.db,
      migrationsDir: dir,
      loadKeys: () => {
        throw new Error("RESET_MASTER_KEYS is not set");
      },
    });
    expect(behind.ready).toBe(false);
    expect(behind.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail])).toEqual([
      ["migrations", "1 not applied: run npm run db:migrate"],
      ["keys", "master keys missing or invalid"],
    ]);
  });
});
