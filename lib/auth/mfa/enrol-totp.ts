import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { claimAttempt, PAIR_FREE_FAILURES } from "@/lib/auth/throttle";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import { openSecret, sealSecret } from "./seal";
import { checkTotp, newTotpSecret, totpUri } from "./totp";

/** The throttle counter of a user's second-factor attempts (enrolment, sign-in, step-up share it). */
export const factorThrottleKey = (userId: string) => `mfa:${userId}`;

/**
 * Begins (or shows again) a TOTP enrolment: a new seed, sealed on the user's row but not yet
 * confirmed. Reloading the page shows the same seed until it is confirmed. A user whose TOTP is
 * confirmed cannot start over here (an admin resets factors, four eyes).
 */
export async function startTotpEnrolment(options: { db: Db; userId: string }): Promise<{ secret: string; uri: string }> {
  const user = await options.db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { email: true, totpSecret: true, totpConfirmedAt: true } });
  if (user.totpConfirmedAt) throw new AppError("CONFLICT", "Your authenticator app is set up already.");
  let secret = user.totpSecret ? openSecret(user.totpSecret, options.userId) : null;
  if (!secret) {
    secret = newTotpSecret();
    // Only if nobody confirmed meanwhile (another tab): the seed of a confirmed enrolment is never replaced here.
    await options.db.user.updateMany({
      where: { id: options.userId, totpConfirmedAt: null },
      data: { totpSecret: sealSecret(secret, options.userId), totpLastStep: null },
    });
  }
  return { secret, uri: totpUri(secret, user.email) };
}

/**
 * Confirms the enrolment with a first code (throttled like passwords), makes ten recovery codes
 * (stored hashed; returned once, to show once), and counts this session's second factor as
 * proven. Audited as `mfa.totp_enrolled`; a wrong code as `mfa.failed`.
 */
export async function confirmTotpEnrolment(options: {
  db: Db;
  actor: AuditActor & { id: string };
  sessionId: string;
  ip: string | null;
  code: string;
  now?: Date;
}): Promise<{ recoveryCodes: string[] }> {
  const { db, actor, ip } = options;
  const now = options.now ?? new Date();
  const claim = await claimAttempt(db, factorThrottleKey(actor.id), PAIR_FREE_FAILURES, now);
  if (!claim.ok) throw new AppError("RATE_LIMITED", `Too many wrong codes. Try again in ${Math.ceil(claim.retryAfterMs / 1000)} s.`);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpSecret: true, totpConfirmedAt: true } });
  if (user.totpConfirmedAt) throw new AppError("CONFLICT", "Your authenticator app is set up already.");
  if (!user.totpSecret) throw new AppError("INVALID_STATE", "Start again: reload the page for a new QR code.");
  const check = await checkTotp({ secret: openSecret(user.totpSecret, actor.id), code: options.code, lastStep: null, now });
  if (!check.ok) {
    await db.$transaction((tx) => recordAudit(tx, { actor, action: "mfa.failed", ip, details: { purpose: "enrolment", reason: check.reason } }));
    throw new AppError("FORBIDDEN", "That code is not right. Type the 6 digits your app shows now.", { code: ["That code is not right."] });
  }
  const recoveryCodes = newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const done = await tx.user.updateMany({ where: { id: actor.id, totpConfirmedAt: null }, data: { totpConfirmedAt: now, totpLastStep: check.step } });
    if (done.count !== 1) throw new AppError("CONFLICT", "Your authenticator app is set up already.");
    await tx.recoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.recoveryCode.createMany({ data: recoveryCodes.map((code) => ({ userId: actor.id, codeHash: hashRecoveryCode(code) })) });
    await tx.userSession.update({ where: { id: options.sessionId }, data: { secondFactorAt: now } });
    await tx.signInThrottle.deleteMany({ where: { key: factorThrottleKey(actor.id) } });
    await recordAudit(tx, { actor, action: "mfa.totp_enrolled", ip, details: { sessionId: options.sessionId, recoveryCodes: recoveryCodes.length } });
  });
  return { recoveryCodes };
}
