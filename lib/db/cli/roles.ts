// npm run db:roles [-- --login NAME] [--role NAME] : as the tables' owner (MIGRATION_DATABASE_URL,
// else DATABASE_URL), creates the least-privileged app role and sets its privileges: SELECT and
// INSERT only on the audit tables. Idempotent; run it after `npm run db:migrate`.
import pg from "pg";
import { logger } from "@/lib/log";
import { migrationDatabaseConfig } from "../config";
import { APP_ROLE, grantAppRole } from "../roles";

const argv = process.argv.slice(2);
const valueOf = (flag: string) => (argv.includes(flag) ? (argv[argv.indexOf(flag) + 1] ?? "") : undefined);
const login = valueOf("--login");
const role = valueOf("--role") ?? APP_ROLE;
if (argv.some((a) => a.startsWith("--") && !["--login", "--role"].includes(a)) || login === "" || role === "" || argv.length % 2) {
  console.error("usage: npm run db:roles -- [--login NAME] [--role NAME]");
  process.exit(2);
}
const config = migrationDatabaseConfig();
if (config.engine !== "postgresql") {
  console.error(
    "db:roles is for PostgreSQL: the embedded PGlite has one user, a superuser, and no roles to separate (docs/audit-security.md says what that leaves). Set MIGRATION_DATABASE_URL or DATABASE_URL.",
  );
  process.exit(2);
}
const client = new pg.Client({ connectionString: config.url });
await client.connect();
try {
  const result = await grantAppRole(client, { role, login });
  const audit = result.tables.filter((t) => t.privileges === "SELECT, INSERT").map((t) => t.name);
  logger({ component: "db-roles" }).info(
    { role: result.role, created: result.created, login: result.login, tables: result.tables.length, appendOnly: audit },
    `${result.created ? "created" : "updated"} ${result.role}: SELECT and INSERT only on ${audit.join(", ")}; read-write on the other ${result.tables.length - audit.length} tables`,
  );
} catch (error) {
  logger({ component: "db-roles" }).error({ err: error }, "db:roles failed");
  process.exitCode = 1;
} finally {
  await client.end();
}
