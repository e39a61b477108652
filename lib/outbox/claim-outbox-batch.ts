import "server-only";
import type { Db } from "@/lib/db/client";

/** A row this worker holds: `attempts` already counts the attempt about to be made. */
export type ClaimedEmail = {
  id: string;
  kind: string;
  to: string;
  payload: unknown;
  attempts: number;
  ticketId: string | null;
  lockedUntil: Date;
};

/**
 * Claims up to `limit` due rows for this worker in one statement: PENDING rows whose time has
 * come, and SENDING rows whose lease ran out (their worker died mid-send). FOR UPDATE SKIP LOCKED
 * makes concurrent workers (other app instances, the separate worker process) take disjoint
 * rows; a row another worker claimed and committed meanwhile is re-checked by PostgreSQL against
 * the WHERE clause and dropped. The same SQL runs on PGlite and PostgreSQL.
 */
export async function claimOutboxBatch(options: { db: Db; workerId: string; now: Date; leaseMs: number; limit: number }): Promise<ClaimedEmail[]> {
  const { db, workerId, now, limit } = options;
  const lockedUntil = new Date(now.getTime() + options.leaseMs);
  const rows = await db.$queryRaw<ClaimedEmail[]>`
    UPDATE "OutboxEmail"
       SET status = 'SENDING'::"OutboxStatus", "lockedUntil" = ${lockedUntil}, "lockedBy" = ${workerId}, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM "OutboxEmail"
        WHERE (status = 'PENDING'::"OutboxStatus" AND "nextAttemptAt" <= ${now})
           OR (status = 'SENDING'::"OutboxStatus" AND "lockedUntil" < ${now})
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, "to", payload, attempts, "ticketId", "lockedUntil"`;
  // Drivers differ in how raw jsonb and timestamps come back; normalise both.
  return rows.map((row) => ({
    ...row,
    payload: typeof row.payload === "string" ? (JSON.parse(row.payload) as unknown) : row.payload,
    attempts: Number(row.attempts),
    lockedUntil: new Date(row.lockedUntil),
  }));
}
