// npm run db:migration -- NAME : writes the next migration from schema.prisma, offline
// (the committed migrations are replayed on an in-memory PGlite shadow database).
import { createMigrationAdapter } from "../migration-adapter";
import { writeNextMigration } from "../migrate";

const name = process.argv[2];
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const dir = await writeNextMigration({ adapter: createMigrationAdapter({ engine: "pglite", dataDir: "memory://" }), name });
console.log(dir ? `wrote ${dir}/migration.sql` : "schema.prisma and prisma/migrations already agree; nothing written");
process.exit(0);
