import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { adminQuery } from "@/lib/testing/admin-query";
import { pgUrl, TEST_DB_PREFIX } from "@/lib/testing/databases";
import { applyMigrations, diffMigrationsToSchema, loadMigrations, SCHEMA_PATH } from "./migrate";
import { createMigrationAdapter } from "./migration-adapter";

describe("migrations", () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("schema.prisma and prisma/migrations agree", async () => {
    const adapter = createMigrationAdapter({ engine: "pglite", dataDir: "memory://" });
    expect(await diffMigrationsToSchema(adapter)).toBe("");
  });

  it("a schema change without its migration is caught", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const drifted = schema.replace("model Owner {", "model Owner {\n  nickname String?");
    const sql = await diffMigrationsToSchema(createMigrationAdapter({ engine: "pglite", dataDir: "memory://" }), drifted);
    expect(sql).toMatch(/ALTER TABLE "Owner" ADD COLUMN\s+"nickname" TEXT/);
  });

  it("apply from empty on PGlite, then nothing is pending", async () => {
    const adapter = createMigrationAdapter({ engine: "pglite", dataDir: "memory://" });
    const names = (await loadMigrations()).migrationDirectories.map((d) => d.path);
    expect(await applyMigrations(adapter)).toEqual(names);
    expect(await applyMigrations(adapter)).toEqual([]);
    const conn = await adapter.connect();
    const rows = await conn.queryRaw({ sql: 'SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name', args: [], argTypes: [] });
    expect(rows.rows.map((r) => r[0])).toEqual(names);
    expect(rows.rows.every((r) => r[1] !== null)).toBe(true);
    await adapter.close();
  });

  it("apply from empty on PostgreSQL, then nothing is pending", async () => {
    const name = `${TEST_DB_PREFIX}mig_${randomUUID().slice(0, 8)}`;
    created.push(name);
    await adminQuery(`CREATE DATABASE "${name}"`);
    const adapter = createMigrationAdapter({ engine: "postgresql", url: pgUrl(name) });
    const names = (await loadMigrations()).migrationDirectories.map((d) => d.path);
    expect(await applyMigrations(adapter)).toEqual(names);
    expect(await applyMigrations(adapter)).toEqual([]);
    const client = new pg.Client({ connectionString: pgUrl(name) });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1');
    const triggers = await client.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal ORDER BY 1`);
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    expect(triggers.rows.map((r) => r.tgname)).toEqual(["AuditEvent_no_truncate", "AuditEvent_no_update_delete"]);
  });
});
