import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SESSION_MAX_AGE_MS } from "./session-policy";

/**
 * Opens a console session for a user who just proved who they are (a password, a passkey), in the
 * caller's transaction: the sign-in time, the DB-backed session row every request re-reads
 * (lib/auth/read-session.ts), and the audit event. `secondFactorAt` when the proof was already two
 * factors (a passkey with user verification). Single sign-on opens its own (lib/auth/sso/sign-in.ts:
 * its row also carries the IdP's role and tokens).
 */
export async function openSession(
  tx: Prisma.TransactionClient,
  options: {
    user: { id: string; name: string };
    ip: string;
    userAgent?: string | null;
    now: Date;
    secondFactorAt?: Date | null;
    /** Facts for the auth.sign_in event besides the session id (e.g. the method). */
    details?: Record<string, string>;
  },
) {
  const { user, ip, now } = options;
  await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  const session = await tx.userSession.create({
    data: {
      userId: user.id,
      ip,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS),
      secondFactorAt: options.secondFactorAt ?? null,
    },
  });
  await recordAudit(tx, { actor: { id: user.id, label: user.name }, action: "auth.sign_in", ip, details: { sessionId: session.id, ...options.details } });
  return session;
}
