import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { assertNotCrossSite } from "@/lib/http/same-origin";
import { webhookIdSchema } from "@/lib/validation/api";
import { removeWebhook } from "@/lib/webhooks/manage-webhooks";

/** Removes an endpoint: nothing more is sent to it. */
export const DELETE = guardedRoute(
  "ADMIN",
  "api:DELETE /api/v1/webhooks/[id]",
  async (request, user, context: { params: Promise<{ id: string }> }) => {
    assertNotCrossSite(request);
    const { webhookId } = parseInput(webhookIdSchema, { webhookId: (await context.params).id });
    await removeWebhook({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, webhookId });
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  },
  { scope: "webhooks:manage" },
);
