import path from "node:path";

export type DatabaseConfig = { engine: "postgresql"; url: string } | { engine: "pglite"; dataDir: string };

export const DEFAULT_PGLITE_DIR = ".data/pglite";

/**
 * The one place that decides which database the console talks to: PostgreSQL when DATABASE_URL
 * names one, otherwise the embedded PGlite with its data in a local folder (created on first use).
 */
export function databaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error("DATABASE_URL must be a postgresql:// URL (leave it unset for the embedded database)");
    }
    return { engine: "postgresql", url };
  }
  const dir = env.PGLITE_DIR?.trim() || DEFAULT_PGLITE_DIR;
  return { engine: "pglite", dataDir: dir.startsWith("memory://") ? dir : path.resolve(/*turbopackIgnore: true*/ dir) };
}
