import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { CreateWebhookInput } from "@/lib/validation/api";
import { newWebhookSecret } from "./signature";

type Actor = { id: string; label: string };

/** Where an endpoint's URL points, for the audit log: scheme, host and port, never a path or query that may hold a key. */
function origin(url: string): string {
  return new URL(url).origin;
}

/** Registers an endpoint; answers its signing secret, to be shown once. Audited (origin and events, never the secret). */
export async function createWebhook(options: { db: Db; actor: Actor; ip: string; input: CreateWebhookInput }) {
  const { db, actor, input } = options;
  const secret = newWebhookSecret();
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.create({
      data: { url: input.url, events: input.events, secret, createdById: actor.id },
      select: { id: true, url: true, events: true, createdAt: true },
    });
    await recordAudit(tx, {
      actor,
      action: "webhook.created",
      ip: options.ip,
      details: { webhookId: endpoint.id, origin: origin(input.url), events: input.events },
    });
    return { ...endpoint, secret };
  });
}

/** Removes an endpoint: nothing more is queued for it and its waiting deliveries fail as "removed". Audited. */
export async function removeWebhook(options: { db: Db; actor: Actor; ip: string; webhookId: string; now?: Date }) {
  const { db, actor } = options;
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: options.webhookId }, select: { id: true, url: true, disabledAt: true } });
    if (!endpoint) throw new AppError("NOT_FOUND", "No such webhook.");
    if (endpoint.disabledAt) throw new AppError("CONFLICT", "This webhook was already removed.");
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: options.now ?? new Date() } });
    await recordAudit(tx, { actor, action: "webhook.removed", ip: options.ip, details: { webhookId: endpoint.id, origin: origin(endpoint.url) } });
    return { id: endpoint.id };
  });
}

export type WebhookDeliveryRow = {
  id: string;
  messageId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date;
};

export type WebhookRow = { id: string; url: string; events: string[]; createdAt: Date; disabledAt: Date | null; deliveries: WebhookDeliveryRow[] };

const DELIVERY_FIELDS = {
  id: true,
  messageId: true,
  event: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  createdAt: true,
  deliveredAt: true,
  nextAttemptAt: true,
} as const;

/** Every endpoint (active first, newest first) with its latest deliveries: the admin's delivery log. */
export async function listWebhooks(options: { db: Db; deliveries?: number }): Promise<WebhookRow[]> {
  return options.db.webhookEndpoint.findMany({
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      url: true,
      events: true,
      createdAt: true,
      disabledAt: true,
      deliveries: { orderBy: { createdAt: "desc" }, take: options.deliveries ?? 20, select: DELIVERY_FIELDS },
    },
  });
}

/** One endpoint's deliveries, newest first. */
export async function listWebhookDeliveries(options: { db: Db; webhookId: string; take?: number }): Promise<WebhookDeliveryRow[]> {
  const endpoint = await options.db.webhookEndpoint.findUnique({ where: { id: options.webhookId }, select: { id: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", "No such webhook.");
  return options.db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: { createdAt: "desc" },
    take: Math.min(options.take ?? 50, 200),
    select: DELIVERY_FIELDS,
  });
}
