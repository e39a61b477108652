import { mkdirSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import type { DatabaseConfig } from "./config";
import { openPGlite } from "./pglite";

/** The embedded database's one PGlite, when the config names one (its LISTEN needs the same instance). */
export function createPglite(config: Extract<DatabaseConfig, { engine: "pglite" }>): PGlite {
  if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
  return openPGlite(config.dataDir);
}

export function createAdapter(config: DatabaseConfig, pglite?: PGlite) {
  if (config.engine === "postgresql") {
    // DATABASE_POOL_SIZE: connections per app instance; several instances share the server.
    return new PrismaPg({ connectionString: config.url, max: env().DATABASE_POOL_SIZE });
  }
  return new PrismaPGlite(pglite ?? createPglite(config));
}
