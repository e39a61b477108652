import { startPasskeyRegistration } from "@/lib/auth/passkeys/register-passkey";
import { getDb } from "@/lib/db/client";
import { stepUpFor } from "@/lib/auth/step-up";
import { parseInput } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { stepUpCodeSchema } from "@/lib/validation/auth";

/** Options for the browser to make a new passkey for the signed-in user (the account page); a user with a factor steps up first. */
export const POST = guardedRoute("AGENT", "api:POST /api/v1/passkeys/register/options", async (request, user) => {
  assertSameOrigin(request);
  const { stepUpCode } = parseInput(stepUpCodeSchema, await request.json().catch(() => ({})));
  const options = await startPasskeyRegistration({ db: getDb(), userId: user.id, sessionId: user.sessionId, stepUp: stepUpFor(user, stepUpCode) });
  return Response.json(options, { headers: { "Cache-Control": "no-store" } });
});
