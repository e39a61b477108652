import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { verifyPassword } from "@/lib/auth/password";
import { claimAttempt, PAIR_FREE_FAILURES } from "@/lib/auth/throttle";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Step-up check before a risky change (an owner of record): the signed-in admin re-enters their
 * own password. A wrong one is audited and refused.
 */
export async function verifyActorPassword(options: { db: Db; actor: AuditActor & { id: string }; ip: string | null; password: string; purpose: string }) {
  // Counted before checking, like sign-in, with the same growing wait: a stolen session cannot
  // guess the password at leisure.
  const key = `reauth:${options.actor.id}`;
  const claim = await claimAttempt(options.db, key, PAIR_FREE_FAILURES, new Date());
  if (!claim.ok) throw new AppError("RATE_LIMITED", `Too many wrong passwords. Try again in ${Math.ceil(claim.retryAfterMs / 1000)} s.`);
  const user = await options.db.user.findUnique({ where: { id: options.actor.id }, select: { passwordHash: true, active: true } });
  const ok = (await verifyPassword(user?.passwordHash, options.password)) && !!user?.active;
  if (!ok) {
    await options.db.$transaction((tx) =>
      recordAudit(tx, { actor: options.actor, action: "auth.reauth_failed", ip: options.ip, details: { purpose: options.purpose } }),
    );
    throw new AppError("FORBIDDEN", "Your password is not right.", { password: ["Your password is not right."] });
  }
  await options.db.signInThrottle.deleteMany({ where: { key } });
}
