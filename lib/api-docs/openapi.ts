import { z } from "zod";
import { API_SCOPES, SCOPE_LABELS, type ApiScope } from "@/lib/api-tokens/scopes";
import type { Role } from "@/lib/generated/prisma/enums";
import { createWebhookSchema } from "@/lib/validation/api";
import { newTicketSchema, queueFilterSchema } from "@/lib/validation/tickets";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import * as R from "./responses";

// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes parse with and
// answer by (z.toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Every route
// under app/api/v1 has an entry here; the contract test (openapi.int.test.ts) calls each one and
// validates the real answer against this document.

type Json = Record<string, unknown>;

type Answer = { description: string; schema?: z.ZodType; contentType?: string };

export type ApiOperation = {
  method: "get" | "post" | "delete";
  path: string;
  summary: string;
  role: Role | null;
  /** The token scope the route accepts; none: session (same-origin console) only. */
  scope?: ApiScope;
  pathParams?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: { schema?: z.ZodType; contentType: string; description?: string };
  responses: Record<number, Answer>;
};

const id = z.uuid();
const csv: Answer = { description: "CSV, streamed.", contentType: "text/csv" };
const noContent: Answer = { description: "Done." };
const json = (schema: z.ZodType, description: string): Answer => ({ description, schema });

export const API_OPERATIONS: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/tickets",
    summary: "The caller's ticket queue, with the console's filters.",
    role: "AGENT",
    scope: "tickets:read",
    query: queueFilterSchema,
    responses: { 200: json(R.ticketQueueResponse, "Up to 200 tickets.") },
  },
  {
    method: "post",
    path: "/api/v1/tickets",
    summary: "Open a ticket from a recorder's reset challenge; answers the checks' decision and reasons.",
    role: "AGENT",
    scope: "tickets:write",
    body: { schema: newTicketSchema, contentType: "application/json" },
    responses: { 201: json(R.ticketCreatedResponse, "The ticket was opened.") },
  },
  {
    method: "post",
    path: "/api/v1/tickets/{id}/issue",
    summary: "Send the reset code to the recorder's owner of record (never to the caller).",
    role: "AGENT",
    scope: "tickets:write",
    pathParams: { id },
    body: { schema: z.object({}), contentType: "application/json", description: "An empty JSON object (the route takes JSON only)." },
    responses: { 201: json(R.codeIssuedResponse, "The code was queued for the owner.") },
  },
  {
    method: "post",
    path: "/api/v1/tickets/{id}/evidence",
    summary: "Keep the customer's photo with the ticket (console only).",
    role: "AGENT",
    pathParams: { id },
    body: { contentType: "image/*", description: "The image bytes: JPEG, PNG or WebP." },
    responses: { 201: { description: "The photo was stored (its id and SHA-256)." } },
  },
  {
    method: "get",
    path: "/api/v1/audit/verify",
    summary: "Verify the whole audit hash chain, optionally against an anchor kept elsewhere (audited).",
    role: "SUPERVISOR",
    scope: "audit:read",
    query: z.object({
      anchor: z.string().optional().meta({ description: "seq:hash" }),
      seq: z.string().optional(),
      hash: z.string().optional(),
    }),
    responses: { 200: json(R.chainReportResponse, "The verification report.") },
  },
  {
    method: "get",
    path: "/api/v1/audit/anchor",
    summary: "The audit chain's current head, to keep outside the database (audited).",
    role: "SUPERVISOR",
    scope: "audit:read",
    responses: { 200: json(R.anchorResponse, "The anchor.") },
  },
  {
    method: "get",
    path: "/api/v1/export/audit",
    summary: "Audit events matching the audit page's filters, as CSV (audited).",
    role: "SUPERVISOR",
    scope: "audit:read",
    responses: { 200: csv },
  },
  {
    method: "get",
    path: "/api/v1/export/tickets",
    summary: "Tickets matching the audit page's filters, as CSV (audited).",
    role: "SUPERVISOR",
    scope: "audit:read",
    responses: { 200: csv },
  },
  {
    method: "get",
    path: "/api/v1/webhooks",
    summary: "The registered webhook endpoints (never their secrets).",
    role: "ADMIN",
    scope: "webhooks:manage",
    responses: { 200: json(R.webhookListResponse, "Every endpoint, active first.") },
  },
  {
    method: "post",
    path: "/api/v1/webhooks",
    summary: "Register an endpoint for ticket events; answers its signing secret once.",
    role: "ADMIN",
    scope: "webhooks:manage",
    body: { schema: createWebhookSchema.extend({ events: z.array(z.enum(WEBHOOK_EVENTS)).min(1) }), contentType: "application/json" },
    responses: { 201: json(R.webhookCreatedResponse, "Registered.") },
  },
  {
    method: "delete",
    path: "/api/v1/webhooks/{id}",
    summary: "Remove an endpoint: nothing more is sent to it.",
    role: "ADMIN",
    scope: "webhooks:manage",
    pathParams: { id },
    responses: { 204: noContent },
  },
  {
    method: "get",
    path: "/api/v1/webhooks/{id}/deliveries",
    summary: "An endpoint's delivery log: status, attempts, last response code.",
    role: "ADMIN",
    scope: "webhooks:manage",
    pathParams: { id },
    responses: { 200: json(R.deliveryListResponse, "Newest first.") },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This document.",
    role: null,
    responses: { 200: { description: "OpenAPI 3.1.", schema: z.looseObject({ openapi: z.string() }) } },
  },
  {
    method: "post",
    path: "/api/v1/passkeys/sign-in-options",
    summary: "A WebAuthn challenge for a passwordless sign-in on the login page (browser only; a token is refused).",
    role: null,
    responses: { 200: { description: "PublicKeyCredentialRequestOptions (WebAuthn) with a single-use challenge." } },
  },
  // Console-only routes (session cookie, same origin): a token is refused with 401.
  ...(
    [
      ["/api/v1/passkeys/register/options", "A WebAuthn challenge to add a passkey to the signed-in account (console only)."],
      ["/api/v1/passkeys/register", "Adds the passkey the browser made, named (console only; step-up when the account has a factor)."],
      ["/api/v1/passkeys/assert/options", "A WebAuthn challenge to prove the second factor with a passkey (console only)."],
      ["/api/v1/passkeys/assert", "Proves the second factor (sign-in or step-up) with a passkey's answer (console only)."],
    ] as const
  ).map(([path, summary]): ApiOperation => ({
    method: "post",
    path,
    summary,
    role: "AGENT",
    body: { contentType: "application/json" },
    responses: { 200: { description: "Done." } },
  })),
  { method: "get", path: "/api/v1/admin/users", summary: "Every user (console only).", role: "ADMIN", responses: { 200: { description: "The users." } } },
  {
    method: "post",
    path: "/api/v1/admin/devices/import",
    summary: "Dry run or import of a device CSV (console only).",
    role: "ADMIN",
    body: { contentType: "text/csv" },
    responses: { 200: { description: "The import report." }, 422: { description: "The file was refused; the report says why." } },
  },
  {
    method: "get",
    path: "/api/v1/admin/devices/import/template",
    summary: "The device import's CSV template (console only).",
    role: "ADMIN",
    responses: { 200: csv },
  },
  {
    method: "get",
    path: "/api/v1/events",
    summary: "Server-sent ticket updates for the open console (console only).",
    role: "AGENT",
    responses: { 200: { description: "An event stream.", contentType: "text/event-stream" } },
  },
  {
    method: "get",
    path: "/api/v1/evidence/{id}",
    summary: "A stored customer photo (console only).",
    role: "AGENT",
    pathParams: { id },
    responses: { 200: { description: "The image.", contentType: "image/*" } },
  },
  {
    method: "post",
    path: "/api/v1/metrics/decode",
    summary: "A browser's QR decode report (console only).",
    role: "AGENT",
    body: { contentType: "application/json" },
    responses: { 204: noContent },
  },
  {
    method: "post",
    path: "/api/v1/review/{id}/presence",
    summary: "The review page's heartbeat (console only).",
    role: "SUPERVISOR",
    pathParams: { id },
    responses: { 200: { description: "Who else has the ticket open." } },
  },
  {
    method: "delete",
    path: "/api/v1/review/{id}/presence",
    summary: "The review page was left (console only).",
    role: "SUPERVISOR",
    pathParams: { id },
    responses: { 204: noContent },
  },
  {
    method: "get",
    path: "/api/v1/qr-wasm/{file}",
    summary: "The QR decoder's WebAssembly (console only).",
    role: "AGENT",
    pathParams: { file: z.string() },
    responses: { 200: { description: "WebAssembly.", contentType: "application/wasm" } },
  },
];

function schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  return rest;
}

const ERROR_REF = { $ref: "#/components/schemas/Error" };

function errorAnswers(op: ApiOperation): Record<string, Json> {
  const errors: Record<string, string> = {
    "400": "Invalid input: `fieldErrors` names the fields.",
    "401": op.scope ? "No session and no valid token (unknown, expired or revoked)." : "No session; API tokens are refused here.",
    "403": op.scope ? "The role or the token's scope does not allow this." : "The role does not allow this, or a cross-site request.",
    "429": "Too many requests with this token this minute (Retry-After says how long to wait).",
  };
  if (op.pathParams) errors["404"] = "No such thing.";
  if (op.method !== "get") errors["409"] = "Not possible in the current state, or someone changed it first.";
  return Object.fromEntries(
    Object.entries(errors).map(([status, description]) => [status, { description, content: { "application/json": { schema: ERROR_REF } } }]),
  );
}

function operationObject(op: ApiOperation): Json {
  const parameters: Json[] = [];
  for (const [name, schema] of Object.entries(op.pathParams ?? {})) parameters.push({ name, in: "path", required: true, schema: schemaOf(schema, "input") });
  if (op.query) {
    const shape = schemaOf(op.query, "input") as { properties?: Record<string, Json> };
    for (const [name, schema] of Object.entries(shape.properties ?? {}))
      // Every filter may be left out (a bad or missing one falls back to its default).
      parameters.push({ name, in: "query", required: false, schema });
  }
  const responses: Record<string, Json> = {};
  for (const [status, answer] of Object.entries(op.responses)) {
    const contentType = answer.contentType ?? (answer.schema ? "application/json" : null);
    responses[status] = {
      description: answer.description,
      ...(contentType && Number(status) !== 204 ? { content: { [contentType]: answer.schema ? { schema: schemaOf(answer.schema, "output") } : {} } } : {}),
    };
  }
  const answers = op.role ? { ...errorAnswers(op), ...responses } : responses;
  return {
    operationId: `${op.method}${op.path
      .replace(/^\/api\/v1/, "")
      .replace(/[{}]/g, "")
      .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: op.summary,
    ...(op.role ? { description: `Needs ${op.role} (a session) or a token${op.scope ? ` with ${op.scope}` : ": none accepted"}.` } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            ...(op.body.description ? { description: op.body.description } : {}),
            content: { [op.body.contentType]: op.body.schema ? { schema: schemaOf(op.body.schema, "input") } : {} },
          },
        }
      : {}),
    responses: answers,
    security: op.role === null ? [] : op.scope ? [{ bearer: [op.scope] }, { session: [] }] : [{ session: [] }],
  };
}

/** The whole document (the same for every caller: it holds no data). */
export function openApiDocument(serverUrl?: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of API_OPERATIONS) paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Reset Console API",
      version: "1",
      description:
        "Tickets, audit and webhooks for helpdesk integrations. Send `Authorization: Bearer rc_…` (an API token an admin created, with scopes) or use the console's session from the same origin. See docs/api.md.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    webhooks: Object.fromEntries(
      WEBHOOK_EVENTS.map((event) => [
        event,
        {
          post: {
            summary: `${event}, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).`,
            requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/WebhookPayload" } } } },
            responses: { "200": { description: "Any 2xx acknowledges; anything else is retried with backoff." } },
          },
        },
      ]),
    ),
    components: {
      schemas: { Error: schemaOf(R.errorResponse, "output"), WebhookPayload: schemaOf(R.webhookPayload, "output") },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: `An API token (rc_…). Scopes: ${API_SCOPES.map((s) => `\`${s}\` (${SCOPE_LABELS[s]})`).join(", ")}.`,
        },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The console's session, same-origin requests only." },
      },
    },
  };
}
