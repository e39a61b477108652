import "server-only";
import type { Db } from "@/lib/db/client";

export type ClaimedDelivery = {
  id: string;
  messageId: string;
  endpointId: string;
  event: string;
  body: string;
  attempts: number;
  createdAt: Date;
};

/**
 * Claims up to `limit` due deliveries for this worker in one statement, exactly as the email
 * outbox does (claimOutboxBatch): PENDING rows whose time has come and SENDING rows whose lease
 * ran out; FOR UPDATE SKIP LOCKED lets every app instance and the external worker share the table.
 */
export async function claimWebhookBatch(options: { db: Db; workerId: string; now: Date; leaseMs: number; limit: number }): Promise<ClaimedDelivery[]> {
  const { db, workerId, now, limit } = options;
  const lockedUntil = new Date(now.getTime() + options.leaseMs);
  const rows = await db.$queryRaw<ClaimedDelivery[]>`
    UPDATE "WebhookDelivery"
       SET status = 'SENDING'::"OutboxStatus", "lockedUntil" = ${lockedUntil}, "lockedBy" = ${workerId}, attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM "WebhookDelivery"
        WHERE (status = 'PENDING'::"OutboxStatus" AND "nextAttemptAt" <= ${now})
           OR (status = 'SENDING'::"OutboxStatus" AND "lockedUntil" < ${now})
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, "messageId", "endpointId", event, body, attempts, "createdAt"`;
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), createdAt: new Date(row.createdAt) }));
}
