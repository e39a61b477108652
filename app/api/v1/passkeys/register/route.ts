import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { finishPasskeyRegistration } from "@/lib/auth/passkeys/register-passkey";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { addPasskeySchema } from "@/lib/validation/auth";

/** The browser's new passkey, under the name the user gave it. */
export const POST = guardedRoute("AGENT", "api:POST /api/v1/passkeys/register", async (request, user) => {
  assertSameOrigin(request);
  const input = parseInput(addPasskeySchema, await request.json().catch(() => ({})), { name: "Name" });
  const { passkeyId } = await finishPasskeyRegistration({
    db: getDb(),
    actor: { id: user.id, label: user.name },
    sessionId: user.sessionId,
    ip: user.ip,
    name: input.name,
    response: input.response as unknown as RegistrationResponseJSON,
  });
  return Response.json({ passkeyId, message: `Passkey “${input.name}” added.` }, { status: 201 });
});
