import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import { env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { maskEmail } from "@/lib/privacy/mask-email";
import { getSettings } from "@/lib/settings/get-settings";
import { SESSION_MAX_AGE_MS } from "@/lib/auth/session-policy";
import { claimValues, mappedRole } from "./role-map";
import { idpSatisfiesSecondFactor } from "./second-factor";
import { allowedDomains, ssoAdmission, type SsoRefusal } from "./rules";
import { sealTokens, type IdpTokens } from "./token-seal";

/** What the IdP said about the user: the ID token's claims. */
export type IdpClaims = Record<string, unknown> & { sub: string };

export type SsoSignInResult = { ok: true; sessionId: string; userId: string; role: Role } | { ok: false; reason: SsoRefusal };

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

/** The IdP's authentication methods and context class, as the session keeps them. */
export function idpAuthentication(claims: Record<string, unknown>): { amr: string[]; acr: string | null } {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === "string").slice(0, 20) : [];
  return { amr, acr: str(claims.acr) };
}

/**
 * A sign-in through the identity provider, whole: who may come in (ssoAdmission), the console
 * user (created at AGENT when an allowed domain lets a new person in; a pending invitation is
 * used up), the same DB-backed session row a password sign-in opens (with the IdP's role, amr,
 * acr and sealed tokens for the group re-check), and the audit event — or the refusal, audited.
 */
export async function ssoSignIn(options: {
  db: Db;
  claims: IdpClaims;
  tokens: IdpTokens;
  roleClaim: string;
  roleMap: ReadonlyMap<string, Role>;
  ip: string;
  now?: Date;
}): Promise<SsoSignInResult> {
  const { db, claims, ip } = options;
  const now = options.now ?? new Date();
  const rawEmail = str(claims.email);
  const email = rawEmail ? normalizeEmailAddress(rawEmail) : "";
  const groups = claimValues(claims, options.roleClaim).slice(0, 50);
  const role = mappedRole(groups, options.roleMap);
  const { amr, acr } = idpAuthentication(claims);

  return db.$transaction(async (tx) => {
    const user = email ? await tx.user.findUnique({ where: { email }, select: { id: true, name: true, role: true, active: true, ssoSubject: true } }) : null;
    const settings = await getSettings({ db: tx });
    const admission = ssoAdmission({
      email,
      // The address names the console user, so it must be one the IdP verified (or an IdP trusted to vouch for all its addresses).
      emailVerified: Boolean(email) && (claims.email_verified === true || (claims.email_verified === undefined && env().OIDC_TRUST_UNVERIFIED_EMAIL)),
      user,
      subject: claims.sub,
      allowedDomains: allowedDomains(settings.ssoAllowedDomains),
      mappedRole: role,
    });
    if (!admission.ok) {
      await recordAudit(tx, {
        actor: user ? { id: user.id, label: user.name } : { id: null, label: "anonymous" },
        action: "auth.sso_refused",
        ip,
        details: { reason: admission.reason, email: email ? maskEmail(email) : "(none)", groups },
      });
      return { ok: false, reason: admission.reason } as const;
    }
    const name = str(claims.name) ?? email.slice(0, email.indexOf("@"));
    const account = user
      ? // The first single sign-on links the user to this IdP account for good.
        await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now, ssoSubject: claims.sub }, select: { id: true, name: true } })
      : await tx.user.create({
          data: { email, name, role: "AGENT", passwordHash: null, lastSignInAt: now, ssoSubject: claims.sub },
          select: { id: true, name: true },
        });
    // Coming in through the IdP answers the invitation: its link no longer sets a password.
    await tx.invitation.updateMany({ where: { userId: account.id, usedAt: null }, data: { usedAt: now } });
    const session = await tx.userSession.create({
      data: {
        userId: account.id,
        ip,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS),
        // The IdP's cap; readSession takes the lower of it and the user's console role on every request.
        ssoRole: role,
        ssoSubject: claims.sub,
        idpAmr: amr,
        idpAcr: acr,
        idpTokens: sealTokens(options.tokens),
        idpCheckedAt: now,
        // The IdP checked a second factor (its amr/acr): the session has one, proven now (lib/auth/mfa/factor-rules).
        secondFactorAt: idpSatisfiesSecondFactor({ amr, acr }) ? now : null,
      },
    });
    await recordAudit(tx, {
      actor: { id: account.id, label: account.name },
      action: "auth.sso_sign_in",
      ip,
      details: { sessionId: session.id, role: admission.role, via: admission.via, newUser: !user, groups, amr, acr },
    });
    return { ok: true, sessionId: session.id, userId: account.id, role: admission.role } as const;
  });
}
