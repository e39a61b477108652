import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { oidcConfig } from "./config";
import { recheckSsoSession } from "./recheck-session";

/**
 * For the guard, on every request of a session opened by single sign-on: does it still hold at
 * the IdP? Re-checked at most every OIDC_RECHECK_SECONDS (the due time is in the session row).
 * With SSO switched off since, such a session has nobody to vouch for it and ends.
 */
export async function ssoSessionHolds(db: Db, sessionId: string): Promise<boolean> {
  const config = oidcConfig();
  if (!config) {
    await db.$transaction(async (tx) => {
      const ended = await tx.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date(), idpTokens: null } });
      if (!ended.count) return;
      const session = await tx.userSession.findUniqueOrThrow({ where: { id: sessionId }, select: { user: { select: { id: true, name: true } } } });
      await recordAudit(tx, {
        actor: { id: session.user.id, label: session.user.name },
        action: "auth.sso_session_ended",
        details: { sessionId, reason: "sso_off" },
      });
    });
    return false;
  }
  return recheckSsoSession({ db, sessionId, config });
}
