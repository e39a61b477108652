// `npm run db:backup -- FILE`: a consistent backup of the configured database (PostgreSQL:
// pg_dump -Fc while the app runs; embedded: a .tar.gz of the data folder, console stopped).
// Restore and check it with `npm run db:restore-check -- FILE` (docs/ops/backup.md).
import { backupDatabase } from "../backup";
import { databaseConfig } from "../config";

const file = process.argv[2];
if (!file || file.startsWith("-")) {
  console.error("usage: npm run db:backup -- FILE");
  process.exit(2);
}
process.exit(await backupDatabase(databaseConfig(), file, (line) => console.log(line)));
