import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { recordAnonymousRefusal } from "@/lib/audit/record-anonymous-refusal";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { clientIp } from "@/lib/http/client-ip";
import { FACTOR_PAGE, PENDING_FACTOR_MESSAGE } from "./mfa/factor-rules";
import { authOptions } from "./options";
import { roleAtLeast } from "./roles";
import { readSession, type SessionRecord } from "./read-session";
import { ssoSessionHolds } from "./sso/session-holds";

export type SessionUser = SessionRecord & { ip: string };

/**
 * The browser's session, re-read from the database on every request (a revoked, expired or idle
 * session, or a disabled user, is signed out at once even if the browser still holds a cookie),
 * whatever its second factor's state. Only the factor pages use this directly.
 */
export const currentSession = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const ip = clientIp(await headers());
  if (!session?.sid) return null;
  const record = await readSession(getDb(), session.sid, { touch: true, allowPendingFactor: true });
  if (!record) return null;
  // Single sign-on: the IdP's groups are re-checked at a bounded interval (lib/auth/sso).
  if (record.sso && !(await ssoSessionHolds(getDb(), record.sessionId))) return null;
  return { ...record, ip };
});

/** The signed-in user, once fully signed in: a session whose second factor is pending (to prove or to set up) is nobody here. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await currentSession();
  return session?.factor === "ok" ? session : null;
});

async function auditDenied(user: SessionUser | null, what: string, minimum: Role) {
  const ip = clientIp(await headers());
  const details = { what, required: minimum, role: user?.role ?? null, ...(user && user.factor !== "ok" ? { secondFactor: user.factor } : {}) };
  if (!user) {
    // Anyone can send these, as fast as they like: counted, and audited at a bounded rate.
    await recordAnonymousRefusal({ db: getDb(), action: "auth.denied", reason: what, ip, details });
    return;
  }
  // A signed-in user's refusal is attributable and costs an account: audited every time.
  await getDb().$transaction((tx) => recordAudit(tx, { actor: { id: user.id, label: user.name }, action: "auth.denied", ip, details }));
}

/**
 * For server actions and route handlers: the user, or an AppError (401/403) after auditing the
 * refusal. A session whose second factor is pending is refused everything (403, saying so), unless
 * `allowPendingFactor` (the factor pages' own actions).
 */
export async function requireUser(minimum: Role, what: string, options: { allowPendingFactor?: boolean } = {}): Promise<SessionUser> {
  const session = await currentSession();
  if (session && session.factor !== "ok" && !options.allowPendingFactor) {
    await auditDenied(session, what, minimum);
    throw new AppError("FORBIDDEN", PENDING_FACTOR_MESSAGE);
  }
  const user = session;
  if (!user || !roleAtLeast(user.role, minimum)) {
    await auditDenied(user, what, minimum);
    throw new AppError(user ? "FORBIDDEN" : "UNAUTHENTICATED");
  }
  return user;
}

/** For pages: the user, or a redirect to sign-in (anonymous), or the 403 page (wrong role). */
export async function requirePageUser(minimum: Role, what: string): Promise<SessionUser> {
  const session = await currentSession();
  if (!session) redirect("/login");
  if (session.factor !== "ok") redirect(FACTOR_PAGE);
  const user = session;
  if (!roleAtLeast(user.role, minimum)) {
    await auditDenied(user, what, minimum);
    forbidden();
  }
  return user;
}
