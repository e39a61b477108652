import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "./adapter";
import { databaseConfig, type DatabaseConfig } from "./config";

export type Db = PrismaClient;

export function createDb(config: DatabaseConfig = databaseConfig()): Db {
  return new PrismaClient({ adapter: createAdapter(config) });
}

// One client per process: PGlite allows a single owner of its data folder, and Next's dev
// server re-evaluates modules, so the instance lives on globalThis.
const holder = globalThis as unknown as { __resetConsoleDb?: Db };

export function getDb(): Db {
  holder.__resetConsoleDb ??= createDb();
  return holder.__resetConsoleDb;
}

/** Tests and scripts install their own client (a PGlite in memory, a PostgreSQL test database). */
export function setDb(db: Db | undefined): void {
  holder.__resetConsoleDb = db;
}
