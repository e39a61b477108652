// npm run db:migrate : applies pending migrations to the configured database (PGlite or PostgreSQL),
// as MIGRATION_DATABASE_URL (the tables' owner) when set.
import { logger } from "@/lib/log";
import { migrationDatabaseConfig } from "../config";
import { applyMigrations } from "../migrate";
import { createMigrationAdapter } from "../migration-adapter";

const config = migrationDatabaseConfig();
const adapter = createMigrationAdapter(config);
const applied = await applyMigrations(adapter);
await adapter.close();
const where = config.engine === "postgresql" ? "PostgreSQL" : `PGlite (${config.dataDir})`;
logger({ component: "migrate" }).info({ database: where, applied }, applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
process.exit(0);
