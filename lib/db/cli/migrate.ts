// npm run db:migrate : applies pending migrations to the configured database (PGlite or PostgreSQL).
import { databaseConfig } from "../config";
import { applyMigrations } from "../migrate";
import { createMigrationAdapter } from "../migration-adapter";

const config = databaseConfig();
const adapter = createMigrationAdapter(config);
const applied = await applyMigrations(adapter);
await adapter.close();
const where = config.engine === "postgresql" ? "PostgreSQL" : `PGlite (${config.dataDir})`;
console.log(applied.length ? `applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}` : `${where} is up to date`);
process.exit(0);
