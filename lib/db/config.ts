import path from "node:path";
import { env, type Env } from "@/lib/env";

export type DatabaseConfig = { engine: "postgresql"; url: string } | { engine: "pglite"; dataDir: string };

/**
 * The one place that decides which database the console talks to: PostgreSQL when DATABASE_URL
 * names one, otherwise the embedded PGlite with its data in a local folder (created on first use).
 */
export function databaseConfig(config: Pick<Env, "DATABASE_URL" | "PGLITE_DIR"> = env()): DatabaseConfig {
  // lib/env has checked that DATABASE_URL, when set, is a postgresql:// URL.
  if (config.DATABASE_URL) return { engine: "postgresql", url: config.DATABASE_URL };
  const dir = config.PGLITE_DIR;
  return { engine: "pglite", dataDir: dir.startsWith("memory://") ? dir : path.resolve(/*turbopackIgnore: true*/ dir) };
}

/**
 * The database migrations (and `npm run db:roles`) run against: MIGRATION_DATABASE_URL, the role
 * that owns the tables, when set; otherwise the app's own configuration.
 */
export function migrationDatabaseConfig(config: Pick<Env, "DATABASE_URL" | "MIGRATION_DATABASE_URL" | "PGLITE_DIR"> = env()): DatabaseConfig {
  return databaseConfig({ DATABASE_URL: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL, PGLITE_DIR: config.PGLITE_DIR });
}
