import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type RelyingParty = { rpID: string; origin: string; rpName: string };

/** What browsers must sign for: WEBAUTHN_RP_ID / WEBAUTHN_ORIGIN, else NEXTAUTH_URL's host and origin; null when neither is set. */
export function relyingParty(): RelyingParty | null {
  const config = env();
  const base = config.NEXTAUTH_URL ? new URL(config.NEXTAUTH_URL) : null;
  const origin = config.WEBAUTHN_ORIGIN ? new URL(config.WEBAUTHN_ORIGIN).origin : base?.origin;
  const rpID = config.WEBAUTHN_RP_ID ?? (origin ? new URL(origin).hostname : undefined);
  if (!origin || !rpID) return null;
  return { rpID, origin, rpName: "Reset Console" };
}

export function requireRelyingParty(): RelyingParty {
  const rp = relyingParty();
  if (!rp) throw new AppError("INVALID_STATE", "Passkeys are not configured on this console (set NEXTAUTH_URL or WEBAUTHN_RP_ID and WEBAUTHN_ORIGIN).");
  return rp;
}
