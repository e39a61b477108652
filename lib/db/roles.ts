import type pg from "pg";

/**
 * Least privilege on PostgreSQL (docs/audit-security.md). Migrations run as the role that owns
 * the tables (MIGRATION_DATABASE_URL); the app connects as a member of `reset_console_app`, which
 * may only SELECT and INSERT the audit tables: no UPDATE, DELETE or TRUNCATE, and, not owning
 * them, no ALTER TABLE (so no DISABLE TRIGGER) and no DROP. It is not a superuser, so it cannot
 * set session_replication_role either. Every other table it may read and write.
 */
export const APP_ROLE = "reset_console_app";

/** The append-only tables: the chain and its signed checkpoints. */
export const AUDIT_TABLES = ["AuditEvent", "AuditCheckpoint"] as const;

/** Prisma's record of applied migrations: the app only reads it (health checks). */
const READ_ONLY_TABLES = ["_prisma_migrations"] as const;

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function ident(name: string): string {
  if (!ROLE_NAME.test(name)) throw new Error(`role name ${JSON.stringify(name)}: use lower-case letters, digits and _ (at most 63)`);
  return `"${name}"`;
}

/** Creates a role unless it exists; an existing role's attributes (LOGIN, password) are left alone. */
async function ensureRole(client: pg.Client, name: string, attributes: string): Promise<boolean> {
  const existing = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", [name]);
  const row = existing.rows[0];
  if (row) {
    if (row.rolsuper || row.rolbypassrls)
      throw new Error(`role ${name} exists and is a superuser (or bypasses row security): it cannot be the least-privileged app role`);
    return false;
  }
  // Two deployments (or test runs) may race to create it: the loser finds it made.
  await client.query(`DO $$ BEGIN CREATE ROLE ${ident(name)} ${attributes}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  return true;
}

export type RoleGrants = { role: string; created: boolean; login: string | null; tables: { name: string; privileges: string }[] };

/**
 * Run as the tables' owner, after every migration (idempotent): makes `role` (NOLOGIN) if
 * missing, and sets its privileges on every table of the current schema from scratch. With
 * `login`, also makes that LOGIN role (no password: set one with ALTER ROLE … PASSWORD) a member,
 * the account DATABASE_URL names. Future tables get the read-write default; re-run after a
 * migration that adds an append-only table.
 */
export async function grantAppRole(client: pg.Client, options: { role?: string; login?: string } = {}): Promise<RoleGrants> {
  const role = options.role ?? APP_ROLE;
  const quoted = ident(role);
  const created = await ensureRole(client, role, "NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS");
  if (options.login) {
    await ensureRole(client, options.login, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS");
    await client.query(`GRANT ${quoted} TO ${ident(options.login)}`);
  }
  const [{ db, schema, owner }] = (
    await client.query<{ db: string; schema: string; owner: string }>("SELECT current_database() AS db, current_schema() AS schema, current_user AS owner")
  ).rows as [{ db: string; schema: string; owner: string }];
  const schemaId = `"${schema.replaceAll('"', '""')}"`;
  await client.query(`GRANT CONNECT ON DATABASE "${db.replaceAll('"', '""')}" TO ${quoted}`);
  await client.query(`GRANT USAGE ON SCHEMA ${schemaId} TO ${quoted}`);
  const tables = (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 ORDER BY tablename", [schema])).rows;
  const granted: RoleGrants["tables"] = [];
  for (const { name } of tables) {
    const table = `${schemaId}."${name.replaceAll('"', '""')}"`;
    const privileges = (AUDIT_TABLES as readonly string[]).includes(name)
      ? "SELECT, INSERT"
      : (READ_ONLY_TABLES as readonly string[]).includes(name)
        ? "SELECT"
        : "SELECT, INSERT, UPDATE, DELETE";
    await client.query(`REVOKE ALL ON ${table} FROM ${quoted}`);
    await client.query(`GRANT ${privileges} ON ${table} TO ${quoted}`);
    granted.push({ name, privileges });
  }
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schemaId} TO ${quoted}`);
  // Tables later migrations add (made by this owner) are read-write for the app without a re-run.
  await client.query(
    `ALTER DEFAULT PRIVILEGES FOR ROLE "${owner.replaceAll('"', '""')}" IN SCHEMA ${schemaId} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${quoted}`,
  );
  await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE "${owner.replaceAll('"', '""')}" IN SCHEMA ${schemaId} GRANT USAGE, SELECT ON SEQUENCES TO ${quoted}`);
  return { role, created, login: options.login ?? null, tables: granted };
}
