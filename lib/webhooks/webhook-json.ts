import type { WebhookDeliveryRow, WebhookRow } from "./manage-webhooks";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A delivery as the API and the admin page show it. */
export function deliveryJson(d: WebhookDeliveryRow) {
  return {
    id: d.id,
    messageId: d.messageId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: iso(d.deliveredAt),
    nextAttemptAt: d.status === "PENDING" ? d.nextAttemptAt.toISOString() : null,
  };
}

/** An endpoint as the API shows it: never its secret. */
export function webhookJson(w: Omit<WebhookRow, "deliveries">) {
  return { id: w.id, url: w.url, events: w.events, createdAt: w.createdAt.toISOString(), removedAt: iso(w.disabledAt) };
}
