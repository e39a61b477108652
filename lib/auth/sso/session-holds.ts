import "server-only";
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
    await db.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
    return false;
  }
  return recheckSsoSession({ db, sessionId, config });
}
