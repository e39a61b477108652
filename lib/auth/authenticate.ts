import "server-only";
import { recordAnonymousRefusal } from "@/lib/audit/record-anonymous-refusal";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import { maskEmail } from "@/lib/privacy/mask-email";
import { verifyPassword } from "./password";
import { SESSION_MAX_AGE_MS } from "./session-policy";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, lockedUntil, recordFailure, throttleKeys } from "./throttle";

export type AuthenticateResult = { ok: true; sessionId: string; userId: string } | { ok: false; reason: "invalid" | "throttled" };

/**
 * Checks a sign-in. Unknown accounts, disabled accounts and wrong passwords all take one argon2
 * verification and give the same answer; throttling is per account and per client IP, in the
 * database so every app instance shares it.
 */
export async function authenticate(options: { db: Db; email: string; password: string; ip: string; now?: Date }): Promise<AuthenticateResult> {
  const { db, ip } = options;
  const now = options.now ?? new Date();
  const email = normalizeEmailAddress(options.email);
  const keys = throttleKeys(email, ip);
  const anonymous = { id: null, label: "anonymous" };
  // A locked client can go on asking without any password check: counted, audited at a bounded rate.
  const auditThrottled = () =>
    recordAnonymousRefusal({ db, action: "auth.sign_in_throttled", reason: "locked", ip, details: { email: maskEmail(email) }, now });

  if (await lockedUntil(db, [keys.account, keys.ip], now)) {
    await auditThrottled();
    return { ok: false, reason: "throttled" };
  }

  // The attempt is counted before the (slow) password check, so parallel guesses cannot all
  // slip under the limit; a successful sign-in clears the account's count.
  const attempts = await recordFailure(db, keys.account, ACCOUNT_FAILURE_LIMIT, now);
  if (attempts > ACCOUNT_FAILURE_LIMIT) {
    await auditThrottled();
    return { ok: false, reason: "throttled" };
  }

  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, active: true, passwordHash: true } });
  const passwordOk = await verifyPassword(user?.passwordHash, options.password);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(db, keys.ip, IP_FAILURE_LIMIT, now);
    await db.$transaction((tx) => recordAudit(tx, { actor: anonymous, action: "auth.sign_in_failed", ip, details: { email: maskEmail(email) } }));
    return { ok: false, reason: "invalid" };
  }

  const session = await db.$transaction(async (tx) => {
    await tx.signInThrottle.deleteMany({ where: { key: keys.account } });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    const created = await tx.userSession.create({ data: { userId: user.id, ip, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_MS) } });
    await recordAudit(tx, { actor: { id: user.id, label: user.name }, action: "auth.sign_in", ip, details: { sessionId: created.id } });
    return created;
  });
  return { ok: true, sessionId: session.id, userId: user.id };
}
