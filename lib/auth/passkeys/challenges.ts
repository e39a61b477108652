import "server-only";
import type { Db } from "@/lib/db/client";

/** What a challenge was handed out for: adding a passkey, proving the factor of a signed-in user, or a passwordless sign-in. */
export type ChallengePurpose = "register" | "factor" | "sign_in";

/** A browser has this long to answer (the options' timeout says the same). */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

/**
 * Keeps a challenge (made by @simplewebauthn/server) in the database, so any app instance can
 * check the answer; expired ones are swept here, on the next issue.
 */
export async function storeChallenge(
  db: Db,
  options: { challenge: string; purpose: ChallengePurpose; userId?: string | null; sessionId?: string | null; now: Date },
) {
  await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: options.now } } });
  await db.webAuthnChallenge.create({
    data: {
      challenge: options.challenge,
      purpose: options.purpose,
      userId: options.userId ?? null,
      sessionId: options.sessionId ?? null,
      expiresAt: new Date(options.now.getTime() + CHALLENGE_TTL_MS),
    },
  });
}

/**
 * Uses up a challenge: true only once, only before it expires, only for the purpose, user and
 * session it was issued to. The delete is the single use: of two parallel answers, one wins.
 */
export async function takeChallenge(
  db: Db,
  options: { challenge: string; purpose: ChallengePurpose; userId?: string | null; sessionId?: string | null; now: Date },
): Promise<boolean> {
  const taken = await db.webAuthnChallenge.deleteMany({
    where: {
      challenge: options.challenge,
      purpose: options.purpose,
      userId: options.userId ?? null,
      sessionId: options.sessionId ?? null,
      expiresAt: { gt: options.now },
    },
  });
  return taken.count === 1;
}

/** The challenge a browser's answer signed (its clientDataJSON), or null when it is not readable. */
export function challengeOf(response: { response?: { clientDataJSON?: unknown } }): string | null {
  try {
    const clientData = JSON.parse(Buffer.from(String(response.response?.clientDataJSON ?? ""), "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof clientData.challenge === "string" && clientData.challenge.length > 0 ? clientData.challenge : null;
  } catch {
    return null;
  }
}
