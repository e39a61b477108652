import { mkdirSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./config";
import { openPGlite } from "./pglite";

/** Connections per app instance on PostgreSQL; several instances share the server. */
const PG_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 10);

export function createAdapter(config: DatabaseConfig) {
  if (config.engine === "postgresql") {
    return new PrismaPg({ connectionString: config.url, max: PG_POOL_SIZE });
  }
  if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
  return new PrismaPGlite(openPGlite(config.dataDir));
}
