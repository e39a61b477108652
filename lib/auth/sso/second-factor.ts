import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";

export type IdpAuthentication = { amr: readonly string[]; acr: string | null };

/**
 * Did the identity provider itself check a second factor? True when one of the session's `amr`
 * values is in OIDC_MFA_AMR (default mfa, otp, hwk, swk, fpt, face, sc: RFC 8176) or its `acr`
 * is in OIDC_MFA_ACR. The step-up and second-factor checks call this for sessions opened by SSO,
 * so a user the IdP already asked for a second factor is not asked again.
 */
export function idpSatisfiesSecondFactor(auth: IdpAuthentication, policy: { amr: readonly string[]; acr: readonly string[] } = mfaPolicy()): boolean {
  if (auth.amr.some((method) => policy.amr.includes(method))) return true;
  return auth.acr !== null && policy.acr.includes(auth.acr);
}

function mfaPolicy() {
  const split = (text: string | undefined) =>
    (text ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  return { amr: split(env().OIDC_MFA_AMR), acr: split(env().OIDC_MFA_ACR) };
}

/**
 * For the second-factor and step-up checks: was this console session opened through the IdP
 * with a second factor there? False for password sessions and unknown ids.
 */
export async function ssoSessionHasSecondFactor(db: Db | Prisma.TransactionClient, sessionId: string): Promise<boolean> {
  const row = await db.userSession.findUnique({ where: { id: sessionId }, select: { idpAmr: true, idpAcr: true, ssoSubject: true } });
  return row?.ssoSubject ? idpSatisfiesSecondFactor({ amr: row.idpAmr, acr: row.idpAcr }) : false;
}
