import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "@/lib/env";
import type { DatabaseConfig } from "./config";

export function createAdapter(config: DatabaseConfig) {
  if (config.engine === "postgresql") {
    // DATABASE_POOL_SIZE: connections per app instance; several instances share the server.
    return new PrismaPg({ connectionString: config.url, max: env().DATABASE_POOL_SIZE });
  }
  if (!config.dataDir.startsWith("memory://")) mkdirSync(config.dataDir, { recursive: true });
  return new PrismaPGlite(new PGlite(config.dataDir));
}
