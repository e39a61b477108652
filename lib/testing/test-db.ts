import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { inject } from "vitest";
import { setDb, type Db } from "@/lib/db/client";
import { openPGlite } from "@/lib/db/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { pgUrl, templateDb, TEST_DB_PREFIX, TEST_PG_ADMIN_URL, type Engine } from "./databases";

export type TestDatabase = { engine: Engine; db: Db; url: string | null; close(): Promise<void> };

/** A fresh, migrated database for one test file, installed as the app's client (getDb()). */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === "pglite") {
    const dump = await readFile(inject("pgliteTemplate"));
    const client = openPGlite(undefined, { loadDataDir: new Blob([dump]) });
    const db = new PrismaClient({ adapter: new PrismaPGlite(client) });
    setDb(db, client);
    return { engine, db, url: null, close: async () => (await db.$disconnect(), await client.close()) };
  }
  const runId = inject("testRunId");
  const name = `${TEST_DB_PREFIX}${runId}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDb(runId)}"`);
  await admin.end();
  const url = pgUrl(name);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 5 }) });
  setDb(db);
  return { engine, db, url, close: async () => db.$disconnect() };
}
