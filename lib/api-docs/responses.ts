import { z } from "zod";
import { Channel, Decision, OutboxStatus, TicketStatus } from "@/lib/generated/prisma/enums";
import { API_SCOPES } from "@/lib/api-tokens/scopes";
import { CHECK_OUTCOMES } from "@/lib/tickets/checks/types";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

// What the /api/v1 routes answer, as zod schemas: the OpenAPI document is generated from these
// (and from the request schemas in lib/validation), and the contract test checks real answers
// against that document.

const dateTime = z.iso.datetime({ offset: true });

export const errorResponse = z.object({
  error: z.string().meta({ description: "A stable code: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_INPUT, CONFLICT, RATE_LIMITED, …" }),
  message: z.string().meta({ description: "What went wrong, in words for a person." }),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
  errorId: z.string().optional(),
});

const checkResult = z.object({ check: z.string(), id: z.string(), outcome: z.enum(CHECK_OUTCOMES), label: z.string(), reason: z.string() });

export const ticketCreatedResponse = z.object({
  id: z.uuid(),
  ref: z.string().meta({ description: "The ticket's number as people say it (RT-000123)." }),
  status: z.enum(TicketStatus),
  decision: z.enum(Decision).nullable(),
  checks: z.array(checkResult),
});

export const ticketQueueResponse = z.object({
  tickets: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      ref: z.string(),
      customerName: z.string(),
      serial: z.string().nullable(),
      status: z.enum(TicketStatus),
      decision: z.enum(Decision).nullable(),
      channel: z.enum(Channel),
      expiresAt: dateTime.nullable(),
      createdAt: dateTime,
      escalatedAt: dateTime.nullable(),
      assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
      fromEmail: z.boolean().meta({ description: "Opened by the console from a customer's email (inbound mail)." }),
    }),
  ),
});

export const codeIssuedResponse = z.object({
  codeIssueId: z.uuid(),
  destination: z.string().meta({ description: "Where the code went, masked (o***r@example.com); never the code." }),
});

export const chainReportResponse = z.union([
  z.looseObject({ ok: z.literal(true), checked: z.number().int(), anchor: z.looseObject({}).nullable(), checkpoints: z.looseObject({}) }),
  z.looseObject({ ok: z.literal(false), checked: z.number().int(), brokenAt: z.string(), reason: z.string(), message: z.string() }),
]);

export const anchorResponse = z.object({ seq: z.string().regex(/^[0-9]+$/), hash: z.string().regex(/^[0-9a-f]{64}$/), at: dateTime });

export const webhookJsonSchema = z.object({
  id: z.uuid(),
  url: z.url(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  createdAt: dateTime,
  removedAt: dateTime.nullable(),
});

export const webhookListResponse = z.object({ webhooks: z.array(webhookJsonSchema) });

export const webhookCreatedResponse = webhookJsonSchema.extend({
  secret: z
    .string()
    .regex(/^whsec_/)
    .meta({ description: "The signing secret (Standard Webhooks), shown this once." }),
});

export const deliveryListResponse = z.object({
  deliveries: z.array(
    z.object({
      id: z.uuid(),
      messageId: z.string().meta({ description: "The webhook-id header: the same on every retry." }),
      event: z.enum(WEBHOOK_EVENTS),
      status: z.enum(OutboxStatus),
      attempts: z.number().int(),
      lastStatusCode: z.number().int().nullable(),
      lastError: z.string().nullable(),
      createdAt: dateTime,
      deliveredAt: dateTime.nullable(),
      nextAttemptAt: dateTime.nullable(),
    }),
  ),
});

/** The body of every webhook (what receivers parse). */
export const webhookPayload = z.object({
  type: z.enum(WEBHOOK_EVENTS),
  timestamp: dateTime,
  data: z.looseObject({ ticketId: z.uuid(), ref: z.string(), number: z.number().int(), status: z.enum(TicketStatus), serial: z.string().nullable() }),
});

export const scopeSchema = z.enum(API_SCOPES);
