// Shared by the server (ticketDelivery) and the ticket page's component: plain data, no I/O.

/** How a ticket's email is doing, in the words the ticket page shows. */
export type DeliveryState = "queued" | "sending" | "sent" | "retrying" | "failed";

export type TicketDeliveryRow = {
  id: string;
  kind: string;
  state: DeliveryState;
  attempts: number;
  /** When the next try is due (queued / retrying), else null. */
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  /** The recipient, masked. */
  to: string;
  /** Why the last attempt failed (never holds a code or a message body). */
  lastError: string | null;
  createdAt: Date;
};

export function deliveryState(row: { status: "PENDING" | "SENDING" | "SENT" | "FAILED"; attempts: number }): DeliveryState {
  switch (row.status) {
    case "PENDING":
      return row.attempts > 0 ? "retrying" : "queued";
    case "SENDING":
      return "sending";
    case "SENT":
      return "sent";
    case "FAILED":
      return "failed";
  }
}
