import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export type OutboxKind = "RESET_CODE" | "OWNER_CHANGE_NOTICE" | "INVITATION" | "TICKET_REPLY";

/**
 * Puts an email in the outbox inside the caller's transaction, so it leaves if and only if the
 * change that caused it commits. The payload holds no secret: codes and invitation tokens are
 * derived when the message is rendered at send time. A repeated idempotency key is a no-op.
 */
export async function enqueueEmail(
  tx: Prisma.TransactionClient,
  options: { kind: OutboxKind; to: string; payload: Record<string, string | number | boolean | null>; idempotencyKey: string; ticketId?: string },
) {
  const existing = await tx.outboxEmail.findUnique({ where: { idempotencyKey: options.idempotencyKey } });
  if (existing) return existing;
  return tx.outboxEmail.create({
    data: { kind: options.kind, to: options.to, payload: options.payload, idempotencyKey: options.idempotencyKey, ticketId: options.ticketId },
  });
}
