import { startPasskeyRegistration } from "@/lib/auth/passkeys/register-passkey";
import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";

/** Options for the browser to make a new passkey for the signed-in user (the account page). */
export const POST = guardedRoute("AGENT", "api:POST /api/v1/passkeys/register/options", async (request, user) => {
  assertSameOrigin(request);
  const options = await startPasskeyRegistration({ db: getDb(), userId: user.id, sessionId: user.sessionId });
  return Response.json(options, { headers: { "Cache-Control": "no-store" } });
});
