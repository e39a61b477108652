import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { webhookIdSchema } from "@/lib/validation/api";
import { listWebhookDeliveries } from "@/lib/webhooks/manage-webhooks";
import { deliveryJson } from "@/lib/webhooks/webhook-json";

/** One endpoint's delivery log, newest first: status, attempts, last answer. */
export const GET = guardedRoute(
  "ADMIN",
  "api:GET /api/v1/webhooks/[id]/deliveries",
  async (_request, _user, context: { params: Promise<{ id: string }> }) => {
    const { webhookId } = parseInput(webhookIdSchema, { webhookId: (await context.params).id });
    const rows = await listWebhookDeliveries({ db: getDb(), webhookId });
    return Response.json({ deliveries: rows.map(deliveryJson) }, { headers: { "Cache-Control": "no-store" } });
  },
  { scope: "webhooks:manage" },
);
