import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { createWebhookSchema } from "@/lib/validation/api";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { webhookJson } from "@/lib/webhooks/webhook-json";
import { requireRecentSecondFactor, stepUpFor } from "@/lib/auth/step-up";

const NO_STORE = { "Cache-Control": "no-store" };

/** The registered webhook endpoints (admins, or a token with webhooks:manage); never their secrets. */
export const GET = guardedRoute(
  "ADMIN",
  "api:GET /api/v1/webhooks",
  async () => {
    const rows = await listWebhooks({ db: getDb(), deliveries: 0 });
    return Response.json({ webhooks: rows.map(webhookJson) }, { headers: NO_STORE });
  },
  { scope: "webhooks:manage" },
);

/** Registers an endpoint for some ticket events; answers its signing secret, this once. */
export const POST = guardedRoute(
  "ADMIN",
  "api:POST /api/v1/webhooks",
  async (request, user) => {
    assertSameOrigin(request);
    const { stepUpCode, ...input } = parseInput(createWebhookSchema, await request.json().catch(() => null));
    // From a browser session it is the same risky change as the admin page's (a token was made under step-up).
    if (!("token" in user)) await requireRecentSecondFactor(getDb(), stepUpFor(user, stepUpCode), "webhook.create");
    const created = await createWebhook({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, input });
    return Response.json({ ...webhookJson({ ...created, disabledAt: null }), secret: created.secret }, { status: 201, headers: NO_STORE });
  },
  { scope: "webhooks:manage" },
);
