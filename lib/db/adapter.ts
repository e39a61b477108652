import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./config";

/** Connections per app instance on PostgreSQL; several instances share the server. */
const PG_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);

export function createAdapter(config: DatabaseConfig) {
  if (config.engine === "postgresql") {
    return new PrismaPg({ connectionString: config.url, max: PG_POOL_SIZE });
  }
  if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
  return new PrismaPGlite(new PGlite(config.dataDir));
}
