import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrate";
import { createMigrationAdapter, pgliteMigrationAdapter } from "@/lib/db/migration-adapter";
import { openPGlite } from "@/lib/db/pglite";
import { adminQuery } from "./admin-query";
import { pgUrl, templateDb, TEST_DB_PREFIX } from "./databases";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    testRunId: string;
  }
}

async function dropTestDatabases(runId: string) {
  const { rows } = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}${runId}%'`);
  for (const { datname } of rows as { datname: string }[]) await adminQuery(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}

/**
 * Migrates once, then every test file clones: PostgreSQL from a template database, PGlite from a
 * dump of a migrated data folder. Each file gets a database of its own, so files run in parallel.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  project.provide("testRunId", runId);
  await adminQuery(`CREATE DATABASE "${templateDb(runId)}"`);
  const pgAdapter = createMigrationAdapter({ engine: "postgresql", url: pgUrl(templateDb(runId)) });
  await applyMigrations(pgAdapter);

  const pglite = openPGlite();
  await applyMigrations(pgliteMigrationAdapter(pglite));
  const tarball = path.join(os.tmpdir(), `reset-console-pglite-${process.pid}.tar.gz`);
  await writeFile(tarball, Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", tarball);

  return async () => {
    await dropTestDatabases(runId);
  };
}
