import { mkdirSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./config";
import { openPGlite } from "./pglite";

type RunScript = (sql: string) => Promise<unknown>;

/**
 * Both adapters mishandle migration scripts: adapter-pg splits them on every ";" (breaking
 * function bodies), and the PGlite adapter does not await the script (losing its errors).
 * Migrations therefore run each script whole, through the database's own multi-statement exec.
 */
function withWholeScripts(adapter: SqlDriverAdapter, runScript: RunScript): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop === "executeScript") return async (sql: string) => void (await runScript(sql));
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

async function pgliteShadow(): Promise<SqlDriverAdapter> {
  const shadow = openPGlite();
  return withWholeScripts(await new PrismaPGlite(shadow).connect(), (sql) => shadow.exec(sql));
}

type MigrationAdapter = SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> };

/** Over an open PGlite (one process may open a data folder only once, so callers may share theirs). */
export function pgliteMigrationAdapter(client: PGlite): MigrationAdapter {
  const inner = new PrismaPGlite(client);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withWholeScripts(await inner.connect(), (sql) => client.exec(sql)),
    connectToShadowDb: pgliteShadow,
    close: () => client.close(),
  };
}

/** A driver-adapter factory fit for the schema engine; its shadow database is an in-memory PGlite. */
export function createMigrationAdapter(config: DatabaseConfig): MigrationAdapter {
  if (config.engine === "pglite") {
    if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
    return pgliteMigrationAdapter(openPGlite(config.dataDir));
  }
  const inner = new PrismaPg({ connectionString: config.url, max: 2 });
  const runScript: RunScript = async (sql) => {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => withWholeScripts(await inner.connect(), runScript),
    connectToShadowDb: pgliteShadow,
    close: async () => {},
  };
}
