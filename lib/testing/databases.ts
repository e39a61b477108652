// Shared by the integration tests' global setup and their per-file databases.
export const ENGINES = ["pglite", "postgresql"] as const;
export type Engine = (typeof ENGINES)[number];

/** A server where the tests may create and drop databases (the machine's own PostgreSQL by default). */
export const TEST_PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const TEST_DB_PREFIX = "reset_console_test_";

/** Each vitest run has its own template and databases, so parallel runs never drop each other's. */
export function templateDb(runId: string): string {
  return `${TEST_DB_PREFIX}${runId}_template`;
}

export function pgUrl(database: string): string {
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
