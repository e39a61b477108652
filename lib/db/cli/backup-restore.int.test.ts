import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, describe, expect, inject, it } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { openPGlite } from "@/lib/db/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { adminQuery } from "@/lib/testing/admin-query";
import { openTestDatabase } from "@/lib/testing/test-db";
import { backupDatabase, restoreCheck } from "../backup";

const actor = { id: null, label: "backup test" };
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** What the commands print, collected. */
function printer() {
  const lines: string[] = [];
  return { lines, print: (line: string) => lines.push(line), text: () => lines.join("\n") };
}

async function writeEvents(db: Db, count: number) {
  for (let i = 1; i <= count; i++) await db.$transaction((tx) => recordAudit(tx, { actor, action: "test.event", details: { i } }));
}

/** What a superuser could do to a live database before it is backed up. */
async function rewriteEvent(db: Db, seq: number) {
  await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.$executeRawUnsafe(`UPDATE "AuditEvent" SET "details" = '{"i": 0}' WHERE "seq" = ${seq}`);
  });
}

// Each case dumps and restores a whole database: minutes on a loaded machine, seconds on a quiet one.
describe("backup and restore check", { timeout: 180_000 }, () => {
  it("PostgreSQL: pg_dump, restore into a fresh database, verify; a tampered log fails the check", async () => {
    const t = await openTestDatabase("postgresql");
    try {
      await writeEvents(t.db, 5);
      const dump = path.join(tempDir(), "console.dump");
      const config = { engine: "postgresql" as const, url: t.url! };
      expect(await backupDatabase(config, dump, printer().print)).toBe(0);
      const good = printer();
      expect(await restoreCheck({ config, file: dump, verifyArgs: [], print: good.print })).toBe(0);
      expect(good.text()).toContain("OK: 5 events verified");

      await rewriteEvent(t.db, 3);
      const tampered = path.join(tempDir(), "tampered.dump");
      expect(await backupDatabase(config, tampered, printer().print)).toBe(0);
      const bad = printer();
      expect(await restoreCheck({ config, file: tampered, verifyArgs: [], print: bad.print })).toBe(1);
      expect(bad.text()).toContain("BROKEN at event #3");
      // The restored copies were dropped.
      const { rows } = await adminQuery(`SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'restore_check_%_${process.pid}'`);
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await t.close();
    }
  });

  it("embedded: the data folder as a tarball, restored into a new folder and verified", async () => {
    const dataDir = path.join(tempDir(), "pglite");
    // The suite's migrated template, written into a real data folder.
    const client = openPGlite(dataDir, { loadDataDir: new Blob([await readFile(inject("pgliteTemplate"))]) });
    await client.waitReady;
    const db = new PrismaClient({ adapter: new PrismaPGlite(client) });
    await db.$queryRaw`SELECT 1`;
    await writeEvents(db, 4);
    await db.$disconnect();
    await client.close();

    const archive = path.join(tempDir(), `pglite-${randomUUID()}.tar.gz`);
    const config = { engine: "pglite" as const, dataDir };
    expect(await backupDatabase(config, archive, printer().print)).toBe(0);
    const check = printer();
    expect(await restoreCheck({ config, file: archive, verifyArgs: [], print: check.print })).toBe(0);
    expect(check.text()).toContain("OK: 4 events verified");
  });

  it("answers a missing backup file clearly and creates nothing", async () => {
    const out = printer();
    expect(await restoreCheck({ config: { engine: "pglite", dataDir: "memory://" }, file: "/nonexistent/backup.dump", verifyArgs: [], print: out.print })).toBe(
      2,
    );
    expect(out.text()).toBe("No backup at /nonexistent/backup.dump.");
  });
});
