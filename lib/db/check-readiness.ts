import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { masterKeys } from "@/lib/keys/master-keys";
import type { Db } from "./client";

export type ReadinessCheck = { name: "database" | "migrations" | "keys"; ok: boolean; detail: string };
export type Readiness = { ready: boolean; checks: ReadinessCheck[] };

/** The migrations this build ships (prisma/migrations beside the running app). */
async function shippedMigrations(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/**
 * Whether this instance should take traffic (/api/health/ready): the database answers, every
 * migration this build ships is applied (a rollout that skipped `npm run db:migrate` stays out of
 * the pool), and the master keys are loaded. Liveness (/api/health/live) asks none of this: a
 * database outage must not make an orchestrator restart every instance.
 */
export async function checkReadiness(options: { db: Db; migrationsDir?: string; loadKeys?: () => unknown }): Promise<Readiness> {
  const checks: ReadinessCheck[] = [];
  let applied: string[] | null = null;
  try {
    const rows = await options.db.$queryRaw<{ migration_name: string }[]>`
      SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
    applied = rows.map((r) => r.migration_name);
    checks.push({ name: "database", ok: true, detail: "reachable" });
  } catch {
    checks.push({ name: "database", ok: false, detail: "unreachable or not migrated" });
  }
  if (applied) {
    try {
      const shipped = await shippedMigrations(options.migrationsDir ?? path.resolve("prisma/migrations"));
      const missing = shipped.filter((name) => !applied.includes(name));
      checks.push({
        name: "migrations",
        ok: missing.length === 0,
        detail: missing.length ? `${missing.length} not applied: run npm run db:migrate` : "current",
      });
    } catch {
      checks.push({ name: "migrations", ok: false, detail: "this build's migration folder is missing" });
    }
  } else {
    checks.push({ name: "migrations", ok: false, detail: "unknown (database unreachable)" });
  }
  try {
    (options.loadKeys ?? masterKeys)();
    checks.push({ name: "keys", ok: true, detail: "loaded" });
  } catch {
    checks.push({ name: "keys", ok: false, detail: "master keys missing or invalid" });
  }
  return { ready: checks.every((c) => c.ok), checks };
}
