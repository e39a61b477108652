import "server-only";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { runVerifyCli } from "@/lib/audit/cli/verify";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { DatabaseConfig } from "./config";
import { applyMigrations } from "./migrate";
import { createMigrationAdapter, pgliteMigrationAdapter } from "./migration-adapter";
import { openPGlite } from "./pglite";

type Print = (line: string) => void;

/**
 * A consistent backup of the configured database into `file`. PostgreSQL: `pg_dump` in custom
 * format, safe while the app runs. Embedded PGlite: the data folder as a gzipped tarball; PGlite
 * allows one process per folder, so the console must be stopped first.
 */
export async function backupDatabase(config: DatabaseConfig, file: string, print: Print): Promise<0 | 1> {
  if (config.engine === "postgresql") {
    const dump = spawnSync("pg_dump", ["--format=custom", "--no-owner", "--file", file, "--dbname", config.url], {
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (dump.error) print("pg_dump is needed (Debian: apt-get install postgresql-client).");
    if (dump.status !== 0) {
      print(`pg_dump failed: ${dump.stderr ?? ""}`.trim());
      return 1;
    }
    print(`PostgreSQL backup written to ${file}.`);
    return 0;
  }
  if (config.dataDir.startsWith("memory://") || !existsSync(config.dataDir)) {
    print(`No embedded database at ${config.dataDir}.`);
    return 1;
  }
  try {
    const db = openPGlite(config.dataDir);
    await db.waitReady;
    const archive = await db.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
    await db.close();
  } catch (error) {
    print(`The embedded database could not be opened: stop the console first (one process per data folder). ${String(error)}`);
    return 1;
  }
  print(`Embedded database backup written to ${file}.`);
  return 0;
}

/**
 * Proves a backup restores: loads `file` into a fresh database (PostgreSQL: a new database on the
 * configured server, via pg_restore; embedded: a temporary PGlite folder), applies newer
 * migrations, then runs audit:verify on the copy with `verifyArgs` (e.g. exported checkpoints, so
 * a tampered or truncated backup fails). The copy is dropped unless `keep`.
 */
export async function restoreCheck(options: { config: DatabaseConfig; file: string; verifyArgs: string[]; keep?: boolean; print: Print }): Promise<0 | 1 | 2> {
  const { config, file, verifyArgs, print } = options;
  if (!existsSync(file)) {
    print(`No backup at ${file}.`);
    return 2;
  }
  if (config.engine === "postgresql") {
    const name = `restore_check_${Date.now().toString(36)}_${process.pid}`;
    const target = new URL(config.url);
    target.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: config.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const restore = spawnSync("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", target.toString(), file], {
        stdio: ["ignore", "ignore", "pipe"],
        encoding: "utf8",
      });
      if (restore.status !== 0) {
        print(`pg_restore failed: ${restore.stderr ?? restore.error ?? ""}`.trim());
        return 1;
      }
      const applied = await applyMigrations(createMigrationAdapter({ engine: "postgresql", url: target.toString() }));
      print(`Restored into database ${name}${applied.length ? `, then applied ${applied.length} newer migration(s)` : ""}.`);
      const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.toString(), max: 2 }) });
      try {
        const { exitCode } = await runVerifyCli({ argv: verifyArgs, db, print });
        return exitCode;
      } finally {
        await db.$disconnect();
      }
    } finally {
      if (options.keep) print(`Kept the restored database ${name}.`);
      else await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "restore-check-"));
  try {
    const client = openPGlite(dir, { loadDataDir: new Blob([readFileSync(file)]) });
    await client.waitReady;
    const applied = await applyMigrations(pgliteMigrationAdapter(client));
    print(`Restored into ${dir}${applied.length ? `, then applied ${applied.length} newer migration(s)` : ""}.`);
    const db = new PrismaClient({ adapter: new PrismaPGlite(client) });
    try {
      const { exitCode } = await runVerifyCli({ argv: verifyArgs, db, print });
      return exitCode;
    } finally {
      await db.$disconnect();
      await client.close();
    }
  } catch (error) {
    print(`The backup could not be restored: ${String(error instanceof Error ? error.message : error)}`);
    return 1;
  } finally {
    if (options.keep) print(`Kept the restored data folder ${dir}.`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
