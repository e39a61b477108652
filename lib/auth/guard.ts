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
import { authOptions } from "./options";
import { roleAtLeast } from "./roles";
import { readSession } from "./read-session";
import { ssoSessionHolds } from "./sso/session-holds";

export type SessionUser = { id: string; email: string; name: string; role: Role; sessionId: string; ip: string };

/**
 * The signed-in user, re-read from the database on every request: a revoked, expired or idle
 * session, or a disabled user, is signed out at once even if the browser still holds a cookie.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const ip = clientIp(await headers());
  if (!session?.sid) return null;
  const record = await readSession(getDb(), session.sid, { touch: true });
  if (!record) return null;
  const { sso, ...user } = record;
  // Single sign-on: the IdP's groups are re-checked at a bounded interval (lib/auth/sso).
  if (sso && !(await ssoSessionHolds(getDb(), record.sessionId))) return null;
  return { ...user, ip };
});

async function auditDenied(user: SessionUser | null, what: string, minimum: Role) {
  const ip = clientIp(await headers());
  const details = { what, required: minimum, role: user?.role ?? null };
  if (!user) {
    // Anyone can send these, as fast as they like: counted, and audited at a bounded rate.
    await recordAnonymousRefusal({ db: getDb(), action: "auth.denied", reason: what, ip, details });
    return;
  }
  // A signed-in user's refusal is attributable and costs an account: audited every time.
  await getDb().$transaction((tx) => recordAudit(tx, { actor: { id: user.id, label: user.name }, action: "auth.denied", ip, details }));
}

/** For server actions and route handlers: the user, or an AppError (401/403) after auditing the refusal. */
export async function requireUser(minimum: Role, what: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user || !roleAtLeast(user.role, minimum)) {
    await auditDenied(user, what, minimum);
    throw new AppError(user ? "FORBIDDEN" : "UNAUTHENTICATED");
  }
  return user;
}

/** For pages: the user, or a redirect to sign-in (anonymous), or the 403 page (wrong role). */
export async function requirePageUser(minimum: Role, what: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!roleAtLeast(user.role, minimum)) {
    await auditDenied(user, what, minimum);
    forbidden();
  }
  return user;
}
