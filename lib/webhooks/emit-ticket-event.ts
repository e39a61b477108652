import "server-only";
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import type { WebhookEvent } from "./events";

/** What a ticket event says: never the customer's or owner's email address, never a code. */
export type TicketEventData = {
  ticket: { id: string; number: number; status: string; serial: string | null };
  /** A few plain facts of the change (decision, outcome, kind); the caller keeps them free of personal data. */
  facts?: Record<string, string | number | boolean | null>;
};

/** A Standard Webhooks message id: unique per message, the same on every retry (receivers deduplicate on it). */
function newMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/** The exact JSON that is signed and sent. */
export function webhookBody(event: WebhookEvent, data: TicketEventData, at: Date): string {
  const { ticket, facts } = data;
  return JSON.stringify({
    type: event,
    timestamp: at.toISOString(),
    data: { ticketId: ticket.id, ref: ticketRef(ticket.number), number: ticket.number, status: ticket.status, serial: ticket.serial, ...facts },
  });
}

/**
 * Queues `event` for every active endpoint that subscribed to it, inside the caller's
 * transaction: the delivery rows commit with the ticket change or not at all. The worker
 * (runWebhooksOnce) sends them after commit.
 */
export async function emitTicketEvent(
  tx: Prisma.TransactionClient,
  event: WebhookEvent,
  /** The event's data, or how to read it (only read when some endpoint wants the event). */
  given: TicketEventData | (() => Promise<TicketEventData>),
  now = new Date(),
): Promise<number> {
  const endpoints = await tx.webhookEndpoint.findMany({ where: { disabledAt: null, events: { has: event } }, select: { id: true } });
  if (endpoints.length === 0) return 0;
  const data = typeof given === "function" ? await given() : given;
  const body = webhookBody(event, data, now);
  await tx.webhookDelivery.createMany({
    data: endpoints.map((endpoint) => ({
      messageId: newMessageId(),
      endpointId: endpoint.id,
      event,
      body,
      ticketId: data.ticket.id,
      createdAt: now,
      nextAttemptAt: now,
    })),
  });
  return endpoints.length;
}
