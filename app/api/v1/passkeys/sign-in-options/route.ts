import { startPasskeyAssertion } from "@/lib/auth/passkeys/verify-passkey";
import { getDb } from "@/lib/db/client";
import { publicRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";

/** A challenge for a passwordless sign-in (the login page); the answer goes to next-auth's "passkey" provider. */
export const POST = publicRoute("api:POST /api/v1/passkeys/sign-in-options", async (request) => {
  assertSameOrigin(request);
  const options = await startPasskeyAssertion({ db: getDb() });
  return Response.json(options, { headers: { "Cache-Control": "no-store" } });
});
