import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter, createPglite } from "./adapter";
import { databaseConfig, type DatabaseConfig } from "./config";

export type Db = PrismaClient;

// One client per process: PGlite allows a single owner of its data folder, and Next's dev
// server re-evaluates modules, so the instance lives on globalThis. The embedded database's
// PGlite is kept beside its client: live updates LISTEN on that same instance.
const holder = globalThis as unknown as { __resetConsoleDb?: Db; __resetConsolePglite?: WeakMap<Db, PGlite> };

function pglites(): WeakMap<Db, PGlite> {
  holder.__resetConsolePglite ??= new WeakMap();
  return holder.__resetConsolePglite;
}

export function createDb(config: DatabaseConfig = databaseConfig()): Db {
  const pglite = config.engine === "pglite" ? createPglite(config) : undefined;
  const db = new PrismaClient({ adapter: createAdapter(config, pglite) });
  if (pglite) pglites().set(db, pglite);
  return db;
}

export function getDb(): Db {
  holder.__resetConsoleDb ??= createDb();
  return holder.__resetConsoleDb;
}

/** Tests and scripts install their own client (a PGlite in memory, a PostgreSQL test database). */
export function setDb(db: Db | undefined, pglite?: PGlite): void {
  holder.__resetConsoleDb = db;
  if (db && pglite) pglites().set(db, pglite);
}

/** The PGlite behind a client made for the embedded database; undefined on PostgreSQL. */
export function embeddedPglite(db: Db): PGlite | undefined {
  return pglites().get(db);
}
