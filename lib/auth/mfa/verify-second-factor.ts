import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { claimAttempt, PAIR_FREE_FAILURES } from "@/lib/auth/throttle";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { factorThrottleKey } from "./enrol-totp";
import { hashRecoveryCode, looksLikeRecoveryCode } from "./recovery-codes";
import { openSecret } from "./seal";
import { checkTotp } from "./totp";

export type FactorPurpose = "sign_in" | "step_up";

export const WRONG_CODE = "That code is not right. Type the 6 digits your authenticator app shows now, or one of your recovery codes.";

/**
 * Proves the second factor on a session: a TOTP code (one step of drift; a step already used is
 * refused) or an unused recovery code (used up). Counted before checking, with the sign-in's
 * growing wait (lib/auth/throttle.ts). On success the session's `secondFactorAt` is now; every
 * outcome is audited (`mfa.verified` with the method, `mfa.failed` with why), never the code.
 */
export async function verifySecondFactor(options: {
  db: Db;
  actor: AuditActor & { id: string };
  sessionId: string;
  ip: string | null;
  code: string;
  purpose: FactorPurpose;
  /** For step-up, what the change is (audit only). */
  what?: string;
  now?: Date;
}): Promise<{ method: "totp" | "recovery_code"; recoveryCodesLeft?: number }> {
  const { db, actor, ip, purpose } = options;
  const now = options.now ?? new Date();
  const code = options.code.trim();
  const claim = await claimAttempt(db, factorThrottleKey(actor.id), PAIR_FREE_FAILURES, now);
  if (!claim.ok) throw new AppError("RATE_LIMITED", `Too many wrong codes. Try again in ${Math.ceil(claim.retryAfterMs / 1000)} s.`);
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpSecret: true, totpConfirmedAt: true, totpLastStep: true } });
  if (!user.totpConfirmedAt || !user.totpSecret) throw new AppError("INVALID_STATE", "You have no authenticator app set up.");
  const base = { purpose, ...(options.what ? { what: options.what } : {}) };

  const fail = async (reason: string): Promise<never> => {
    await db.$transaction((tx) => recordAudit(tx, { actor, action: "mfa.failed", ip, details: { ...base, reason } }));
    throw new AppError("FORBIDDEN", WRONG_CODE, { code: [WRONG_CODE] });
  };
  const succeed = (method: "totp" | "recovery_code", extra: Record<string, unknown>) => async (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => {
    await tx.userSession.update({ where: { id: options.sessionId }, data: { secondFactorAt: now } });
    await tx.signInThrottle.deleteMany({ where: { key: factorThrottleKey(actor.id) } });
    await recordAudit(tx, { actor, action: "mfa.verified", ip, details: { ...base, method, sessionId: options.sessionId, ...extra } });
  };

  if (looksLikeRecoveryCode(code) && !/^\d+$/.test(code)) {
    return db
      .$transaction(async (tx) => {
        // The conditional update is the single use: of two parallel uses of one code, one wins.
        const used = await tx.recoveryCode.updateMany({ where: { userId: actor.id, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } });
        if (used.count !== 1) return null;
        const left = await tx.recoveryCode.count({ where: { userId: actor.id, usedAt: null } });
        await succeed("recovery_code", { recoveryCodesLeft: left })(tx);
        return { method: "recovery_code" as const, recoveryCodesLeft: left };
      })
      .then((result) => result ?? fail("wrong_recovery_code"));
  }

  const check = await checkTotp({ secret: openSecret(user.totpSecret, actor.id), code, lastStep: user.totpLastStep, now });
  if (!check.ok) return fail(check.reason);
  const done = await db.$transaction(async (tx) => {
    // Moves the last step forward only if no parallel request used this step (or a later one) first.
    const moved = await tx.user.updateMany({
      where: { id: actor.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: check.step } }] },
      data: { totpLastStep: check.step },
    });
    if (moved.count !== 1) return false;
    await succeed("totp", {})(tx);
    return true;
  });
  if (!done) return fail("replayed");
  return { method: "totp" };
}
