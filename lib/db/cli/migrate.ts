// npm run db:migrate : applies pending migrations to the configured database (PGlite or PostgreSQL).
import { logger } from "@/lib/log";
import { databaseConfig } from "../config";
import { applyMigrations } from "../migrate";
import { createMigrationAdapter } from "../migration-adapter";

const config = databaseConfig();
const adapter = createMigrationAdapter(config);
const applied = await applyMigrations(adapter);
await adapter.close();
const where = config.engine === "postgresql" ? "PostgreSQL" : `PGlite (${config.dataDir})`;
logger({ component: "migrate" }).info({ database: where, applied }, applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
process.exit(0);
