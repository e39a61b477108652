import "server-only";
import { Issuer, errors as oidcErrors, type BaseClient } from "openid-client";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { OidcConfig } from "./config";
import { claimValues, mappedRole } from "./role-map";
import { openTokens, sealTokens, type IdpTokens } from "./token-seal";

/** What the IdP says about the user now: their claims (with the role claim) and the tokens to keep. */
export type IdpAnswer = { ok: true; claims: Record<string, unknown>; tokens: IdpTokens } | { ok: false; reason: "idp_refused" | "unreachable" };

export type AskIdp = (tokens: IdpTokens) => Promise<IdpAnswer>;

// The IdP's discovery document, per issuer and client (not state: any instance re-reads it).
const clients = new Map<string, Promise<BaseClient>>();

function idpClient(config: OidcConfig): Promise<BaseClient> {
  const key = `${config.issuer}\u0000${config.clientId}`;
  let client = clients.get(key);
  if (!client) {
    client = Issuer.discover(config.issuer).then((issuer) => new issuer.Client({ client_id: config.clientId, client_secret: config.clientSecret }));
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}

/**
 * Asks the IdP for the user's current groups: with the refresh token (a new, verified ID token and
 * then userinfo), or with the access token at the userinfo endpoint when there is no refresh token.
 * A refused grant or token (user removed, session revoked at the IdP) is `idp_refused`; a network
 * or server fault is `unreachable` (the session goes on; the next check asks again).
 */
export function askIdp(config: OidcConfig): AskIdp {
  return async (tokens) => {
    try {
      const client = await idpClient(config);
      if (tokens.refreshToken) {
        const set = await client.refresh(tokens.refreshToken);
        const next: IdpTokens = { accessToken: set.access_token ?? null, refreshToken: set.refresh_token ?? tokens.refreshToken };
        const idToken = set.id_token ? set.claims() : {};
        const info = next.accessToken ? await client.userinfo(next.accessToken).catch(() => ({})) : {};
        return { ok: true, claims: { ...info, ...idToken }, tokens: next };
      }
      if (tokens.accessToken) return { ok: true, claims: { ...(await client.userinfo(tokens.accessToken)) }, tokens };
      return { ok: false, reason: "idp_refused" };
    } catch (error) {
      if (error instanceof oidcErrors.OPError) return { ok: false, reason: "idp_refused" };
      logger({ component: "sso" }).warn({ err: error }, "identity provider unreachable for the group re-check");
      return { ok: false, reason: "unreachable" };
    }
  };
}

/**
 * The bounded re-check of a single sign-on session's groups. At most once per OIDC_RECHECK_SECONDS
 * per session, whichever instance gets there first (the due time lives in the session row and is
 * claimed with one conditional UPDATE), the IdP is asked again. The session ends, audited, when
 * the IdP refuses (user gone, grant revoked), names another subject, or no group maps to a role
 * any more; otherwise the session's IdP role follows the groups (a lowered group lowers it now).
 * False when the session has ended.
 */
export async function recheckSsoSession(options: { db: Db; sessionId: string; config: OidcConfig; ask?: AskIdp; now?: Date }): Promise<boolean> {
  const { db, sessionId, config } = options;
  const now = options.now ?? new Date();
  const dueBefore = new Date(now.getTime() - config.recheckMs);
  const claimed = await db.$queryRaw<{ idpTokens: string | null; ssoSubject: string }[]>`
    UPDATE "UserSession" SET "idpCheckedAt" = ${now}
    WHERE "id" = ${sessionId}::uuid AND "ssoSubject" IS NOT NULL AND "revokedAt" IS NULL
      AND ("idpCheckedAt" IS NULL OR "idpCheckedAt" <= ${dueBefore})
    RETURNING "idpTokens", "ssoSubject"`;
  const row = claimed[0];
  if (!row) return true;

  const tokens = openTokens(row.idpTokens);
  const answer: IdpAnswer = tokens ? await (options.ask ?? askIdp(config))(tokens) : { ok: false, reason: "idp_refused" };
  if (!answer.ok && answer.reason === "unreachable") return true;

  let reason: "idp_refused" | "subject_changed" | "group_removed" | null = answer.ok ? null : "idp_refused";
  let role = null;
  let groups: string[] = [];
  if (answer.ok) {
    groups = claimValues(answer.claims, config.roleClaim).slice(0, 50);
    role = mappedRole(groups, config.roleMap);
    if (typeof answer.claims.sub === "string" && answer.claims.sub !== row.ssoSubject) reason = "subject_changed";
    else if (!role) reason = "group_removed";
  }

  return db.$transaction(async (tx) => {
    const session = await tx.userSession.findUniqueOrThrow({ where: { id: sessionId }, include: { user: { select: { id: true, name: true } } } });
    const actor = { id: session.user.id, label: session.user.name };
    if (reason || !role || !answer.ok) {
      if (session.revokedAt) return false;
      await tx.userSession.update({ where: { id: sessionId }, data: { revokedAt: now, idpTokens: null } });
      await recordAudit(tx, { actor, action: "auth.sso_session_ended", details: { sessionId, reason: reason ?? "group_removed", groups } });
      return false;
    }
    await tx.userSession.update({ where: { id: sessionId }, data: { ssoRole: role, idpTokens: sealTokens(answer.tokens) } });
    if (role !== session.ssoRole) {
      await recordAudit(tx, { actor, action: "auth.sso_role_changed", details: { sessionId, from: session.ssoRole, to: role, groups } });
    }
    return true;
  });
}
