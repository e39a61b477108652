import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { verifyPasskeySecondFactor } from "@/lib/auth/passkeys/verify-passkey";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { passkeyAssertionSchema } from "@/lib/validation/auth";

/** The passkey's signed answer: proves this session's second factor now (sign-in on /mfa, or a step-up before retrying a change). */
export const POST = guardedRoute(
  "AGENT",
  "api:POST /api/v1/passkeys/assert",
  async (request, user) => {
    assertSameOrigin(request);
    const input = parseInput(passkeyAssertionSchema, await request.json().catch(() => ({})));
    await verifyPasskeySecondFactor({
      db: getDb(),
      actor: { id: user.id, label: user.name },
      sessionId: user.sessionId,
      ip: user.ip,
      response: input.response as unknown as AuthenticationResponseJSON,
      purpose: input.purpose,
    });
    return Response.json({ ok: true });
  },
  { allowPendingFactor: true },
);
