/** The ticket events a webhook may subscribe to. */
export const WEBHOOK_EVENTS = ["ticket.created", "ticket.decided", "ticket.sent", "ticket.resolved", "ticket.escalated"] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "ticket.created": "A ticket was opened",
  "ticket.decided": "A ticket was decided (by the checks or a supervisor)",
  "ticket.sent": "A reset code was sent (or resent)",
  "ticket.resolved": "A ticket was resolved",
  "ticket.escalated": "A ticket was escalated",
};
