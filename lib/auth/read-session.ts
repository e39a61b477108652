import "server-only";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { getSettings } from "@/lib/settings/get-settings";
import { factorState, secondFactorRequired, userHasFactor, type FactorState } from "./mfa/factor-rules";
import { sessionIdleTimeoutMs, SESSION_TOUCH_INTERVAL_MS } from "./session-policy";
import { lowerRole } from "./sso/role-map";

export type SessionRecord = {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionId: string;
  /** Opened through the identity provider (its groups are re-checked by lib/auth/sso/recheck-session). */
  sso: boolean;
  /** "ok": fully signed in; "verify"/"enrol": only the factor pages may be reached. */
  factor: FactorState;
  /** When this session last proved a second factor (step-up reads it). */
  secondFactorAt: Date | null;
  /** Does the user have a confirmed TOTP? */
  hasTotp: boolean;
  /** Does the user have at least one passkey? */
  hasPasskey: boolean;
};

/**
 * The one rule for whether a signed-in browser's session still holds: not revoked, not expired,
 * not idle past the timeout (an idle session is revoked here), and its user still active. Read
 * from the database every time, so sign-out, disabling and demotion take effect at once.
 * `touch` records activity (a request); an open live-update stream checks without touching,
 * so a forgotten tab does not keep its session alive.
 */
export async function readSession(
  db: Db,
  sessionId: string,
  options: {
    touch: boolean;
    now?: number;
    /** Also answer for a session whose second factor is pending (the guard, the factor pages). */ allowPendingFactor?: boolean;
  },
): Promise<SessionRecord | null> {
  const row = await db.userSession.findUnique({
    where: { id: sessionId },
    include: {
      user: { select: { id: true, email: true, name: true, role: true, active: true, totpConfirmedAt: true, _count: { select: { passkeys: true } } } },
    },
  });
  const now = options.now ?? Date.now();
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || !row.user.active) return null;
  if (now - row.lastSeenAt.getTime() > sessionIdleTimeoutMs()) {
    await db.userSession.update({ where: { id: row.id }, data: { revokedAt: new Date(now) } });
    return null;
  }
  if (options.touch && now - row.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await db.userSession.update({ where: { id: row.id }, data: { lastSeenAt: new Date(now) } });
  }
  const { id, email, name } = row.user;
  // Single sign-on: never above what the IdP's groups map to (row.ssoRole), nor above the console's role.
  const role = row.ssoRole ? lowerRole(row.user.role, row.ssoRole) : row.user.role;
  const hasTotp = row.user.totpConfirmedAt !== null;
  const hasPasskey = row.user._count.passkeys > 0;
  const hasFactor = userHasFactor({ totpConfirmedAt: row.user.totpConfirmedAt, passkeyCount: row.user._count.passkeys });
  // The agents' setting is read only when it can matter: an agent without a factor on a session without one.
  const required = role !== "AGENT" || (!hasFactor && row.secondFactorAt === null && secondFactorRequired(role, await getSettings({ db })));
  const factor = factorState({ hasFactor, required, session: row });
  if (factor !== "ok" && !options.allowPendingFactor) return null;
  return { id, email, name, role, sessionId: row.id, sso: row.ssoSubject !== null, factor, secondFactorAt: row.secondFactorAt, hasTotp, hasPasskey };
}
