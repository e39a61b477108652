import "server-only";
// The version this build was made from (npm_package_version exists only under `npm start`).
import packageJson from "@/package.json";
import { databaseConfig } from "./config";
import type { Db } from "./client";

export type Health = {
  status: "ok" | "degraded";
  app: { version: string; uptimeSeconds: number };
  database: { engine: string; status: "ok" | "down"; latencyMs: number | null };
};

/** App and database status for /api/health: what a load balancer needs, nothing secret. */
export async function checkHealth(options: { db: Db }): Promise<Health> {
  const started = performance.now();
  let dbOk = true;
  try {
    await options.db.$queryRaw`SELECT 1`;
  } catch {
    dbOk = false;
  }
  const latencyMs = dbOk ? Math.round((performance.now() - started) * 10) / 10 : null;
  return {
    status: dbOk ? "ok" : "degraded",
    app: { version: packageJson.version, uptimeSeconds: Math.round(process.uptime()) },
    database: { engine: databaseConfig().engine, status: dbOk ? "ok" : "down", latencyMs },
  };
}
