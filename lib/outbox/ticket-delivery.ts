import "server-only";
import type { Db } from "@/lib/db/client";
import { maskEmail } from "@/lib/privacy/mask-email";
import { deliveryState, type TicketDeliveryRow } from "./delivery-state";

/** Every email queued for a ticket, oldest first, with its delivery state; recipients masked. */
export async function ticketDelivery(options: { db: Db; ticketId: string }): Promise<TicketDeliveryRow[]> {
  const rows = await options.db.outboxEmail.findMany({
    where: { ticketId: options.ticketId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, kind: true, to: true, status: true, attempts: true, nextAttemptAt: true, sentAt: true, lastError: true, createdAt: true },
  });
  return rows.map((row) => {
    const state = deliveryState(row);
    return {
      id: row.id,
      kind: row.kind,
      state,
      attempts: row.attempts,
      nextAttemptAt: state === "queued" || state === "retrying" ? row.nextAttemptAt : null,
      sentAt: row.sentAt,
      to: maskEmail(row.to),
      lastError: row.lastError,
      createdAt: row.createdAt,
    };
  });
}
