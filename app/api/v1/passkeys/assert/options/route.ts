import { startPasskeyAssertion } from "@/lib/auth/passkeys/verify-passkey";
import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";

/** Options for the signed-in user's passkey to prove the second factor (/mfa, or a step-up). */
export const POST = guardedRoute(
  "AGENT",
  "api:POST /api/v1/passkeys/assert/options",
  async (request, user) => {
    assertSameOrigin(request);
    const options = await startPasskeyAssertion({ db: getDb(), user: { id: user.id, sessionId: user.sessionId } });
    return Response.json(options, { headers: { "Cache-Control": "no-store" } });
  },
  { allowPendingFactor: true },
);
