import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { adminQuery } from "@/lib/testing/admin-query";
import { ENGINES, pgUrl, TEST_DB_PREFIX, type Engine } from "@/lib/testing/databases";
import { loadMigrations } from "./migrate";
import { openPGlite } from "./pglite";

const MIGRATION = "_code_issue_serial";

type Sql = { exec(sql: string): Promise<void>; rows<T>(sql: string): Promise<T[]>; close(): Promise<void> };

async function openEmpty(engine: Engine, created: string[]): Promise<Sql> {
  if (engine === "pglite") {
    const client = openPGlite();
    return { exec: async (sql) => void (await client.exec(sql)), rows: async (sql) => (await client.query(sql)).rows as never, close: () => client.close() };
  }
  const name = `${TEST_DB_PREFIX}backfill_${randomUUID().slice(0, 8)}`;
  created.push(name);
  await adminQuery(`CREATE DATABASE "${name}"`);
  const client = new pg.Client({ connectionString: pgUrl(name) });
  await client.connect();
  return { exec: async (sql) => void (await client.query(sql)), rows: async (sql) => (await client.query(sql)).rows as never, close: () => client.end() };
}

// Codes issued before CodeIssue had a serial get their ticket's, so the dashboard's count per
// recorder (which no longer joins Ticket) sees the old issues too.
describe.each(ENGINES)("the code_issue_serial migration on %s", (engine) => {
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("backfills every existing code issue with its ticket's serial", async () => {
    const migrations = (await loadMigrations()).migrationDirectories;
    const at = migrations.findIndex((m) => m.path.endsWith(MIGRATION));
    expect(at).toBeGreaterThan(0);
    const script = (i: number) => {
      const file = migrations[i]!.migrationFile.content;
      if (file.tag !== "ok") throw new Error(file.value);
      return file.value;
    };
    const db = await openEmpty(engine, created);
    try {
      for (let i = 0; i < at; i++) await db.exec(script(i));
      await db.exec(`
        INSERT INTO "User" ("id","email","name","role","updatedAt") VALUES ('00000000-0000-4000-8000-000000000001','a@backfill.test','A','AGENT',now());
        INSERT INTO "Ticket" ("id","customerName","customerEmail","channel","status","decision","checks","serial","createdById","updatedAt") VALUES
          ('00000000-0000-4000-8000-0000000000a1','K','k@backfill.test','EMAIL','SENT','ISSUE','[]','NVR8-BACKFILL-1','00000000-0000-4000-8000-000000000001',now()),
          ('00000000-0000-4000-8000-0000000000a2','K','k@backfill.test','EMAIL','SENT','ISSUE','[]',NULL,'00000000-0000-4000-8000-000000000001',now());
        INSERT INTO "CodeIssue" ("id","ticketId","kind","destination","actorId") VALUES
          ('00000000-0000-4000-8000-0000000000c1','00000000-0000-4000-8000-0000000000a1','FIRST','o@backfill.test','00000000-0000-4000-8000-000000000001'),
          ('00000000-0000-4000-8000-0000000000c2','00000000-0000-4000-8000-0000000000a1','RESEND','o@backfill.test','00000000-0000-4000-8000-000000000001'),
          ('00000000-0000-4000-8000-0000000000c3','00000000-0000-4000-8000-0000000000a2','FIRST','o@backfill.test','00000000-0000-4000-8000-000000000001');`);
      for (let i = at; i < migrations.length; i++) await db.exec(script(i));
      const rows = await db.rows<{ id: string; serial: string | null }>(`SELECT "id"::text AS "id", "serial" FROM "CodeIssue" ORDER BY "id"`);
      expect(rows.map((r) => [r.id.slice(-2), r.serial])).toEqual([
        ["c1", "NVR8-BACKFILL-1"],
        ["c2", "NVR8-BACKFILL-1"],
        ["c3", null],
      ]);
    } finally {
      await db.close();
    }
  });
});
