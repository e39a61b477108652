"use server";

import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { requireRecentSecondFactor, stepUpFor } from "@/lib/auth/step-up";
import { serverAction } from "@/lib/http/server-action";
import { apiTokenIdSchema, createApiTokenSchema, createWebhookSchema, webhookAllowlistSchema, webhookIdSchema } from "@/lib/validation/api";
import { setWebhookAllowlist } from "@/lib/webhooks/allowlist";
import { createWebhook, removeWebhook } from "@/lib/webhooks/manage-webhooks";

export const createApiTokenAction = serverAction({
  name: "action:createApiToken",
  role: "ADMIN",
  schema: createApiTokenSchema,
  labels: { name: "Name", scopes: "Scopes", expiresInDays: "Expires in" },
  run: async ({ stepUpCode, ...input }, { db, actor, user }) => {
    // A token acts as its admin for months: making one asks for a recent second factor.
    await requireRecentSecondFactor(db, stepUpFor(user, stepUpCode), "api_token.create");
    const { token, record } = await createApiToken({ db, actor, ip: actor.ip, input });
    return { message: `Token "${record.name}" created. Copy it now: it is not shown again.`, reveal: [token], revalidate: ["/admin/api-tokens"] };
  },
});

export const revokeApiTokenAction = serverAction({
  name: "action:revokeApiToken",
  role: "ADMIN",
  schema: apiTokenIdSchema,
  run: async ({ tokenId }, { db, actor }) => {
    const token = await revokeApiToken({ db, actor, ip: actor.ip, tokenId });
    return { message: `Token "${token.name}" revoked: it is refused from now on.`, revalidate: ["/admin/api-tokens"] };
  },
});

export const createWebhookAction = serverAction({
  name: "action:createWebhook",
  role: "ADMIN",
  schema: createWebhookSchema,
  labels: { url: "URL", events: "Events" },
  run: async ({ stepUpCode, ...input }, { db, actor, user }) => {
    // Ticket events leave the console to this URL from now on: a recent second factor.
    await requireRecentSecondFactor(db, stepUpFor(user, stepUpCode), "webhook.create");
    const hook = await createWebhook({ db, actor, ip: actor.ip, input });
    return {
      message: `Webhook registered for ${hook.events.length} event(s). Copy its signing secret now: it is not shown again.`,
      reveal: [hook.secret],
      revalidate: ["/admin/webhooks"],
    };
  },
});

export const removeWebhookAction = serverAction({
  name: "action:removeWebhook",
  role: "ADMIN",
  schema: webhookIdSchema,
  run: async ({ webhookId }, { db, actor }) => {
    await removeWebhook({ db, actor, ip: actor.ip, webhookId });
    return { message: "Webhook removed: nothing more is sent to it.", revalidate: ["/admin/webhooks"] };
  },
});

export const setWebhookAllowlistAction = serverAction({
  name: "action:setWebhookAllowlist",
  role: "ADMIN",
  schema: webhookAllowlistSchema,
  labels: { allowlist: "Allowed private destinations" },
  run: async ({ allowlist, stepUpCode }, { db, actor, user }) => {
    // Opening private addresses to webhooks opens the internal network to them: a recent second factor.
    await requireRecentSecondFactor(db, stepUpFor(user, stepUpCode), "webhook.allowlist");
    const entries = await setWebhookAllowlist({ db, actor, ip: actor.ip, entries: allowlist });
    return { message: entries.length ? `Saved: ${entries.join(", ")}.` : "Saved: no private destination is allowed.", revalidate: ["/admin/webhooks"] };
  },
});
