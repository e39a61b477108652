import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { userHasFactor } from "@/lib/auth/mfa/factor-rules";
import { requestPrivilegeChange } from "./request-privilege-change";

type FactorReset = { actor: AuditActor & { id: string }; ip: string | null; userId: string };

/**
 * An admin asks to reset a user's second factor (a lost phone): it only files a request; a second
 * admin (not the requester, not the user) approves it on the users page (privilege-rules.ts).
 * One admin alone could otherwise take over an account whose password they learned.
 */
export async function requestFactorReset(options: { db: Db } & FactorReset) {
  return options.db.$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<{ id: string; name: string; totpConfirmedAt: Date | null }[]>`
      SELECT "id", "name", "totpConfirmedAt" FROM "User" WHERE "id" = ${options.userId}::uuid FOR UPDATE`;
    if (!user) throw new AppError("NOT_FOUND", "No such user.");
    const passkeyCount = await tx.passkey.count({ where: { userId: user.id } });
    if (!userHasFactor({ totpConfirmedAt: user.totpConfirmedAt, passkeyCount }))
      throw new AppError("INVALID_STATE", `${user.name} has no second factor to reset.`);
    if (user.id === options.actor.id) throw new AppError("FORBIDDEN", "Another admin must ask to reset your own second factor.");
    const request = await requestPrivilegeChange(tx, options.actor, options.ip, { change: "MFA_RESET", userId: user.id, name: user.name });
    return { user, requestId: request.id };
  });
}

/**
 * The reset itself, when a second admin approves: the seed, the last step, every recovery code
 * and every passkey go, and every session of the user ends. A session must not survive: one
 * that was waiting at /mfa may be an attacker's with a phished password (who then asks support
 * for the reset), and it would be let in (an agent) or get to enrol its own authenticator. The
 * user signs in again with their password and sets up a new factor.
 */
export async function applyFactorReset(tx: Prisma.TransactionClient, options: FactorReset & { approvedBy: AuditActor & { id: string }; requestId: string }) {
  const user = await tx.user.findUnique({ where: { id: options.userId }, select: { id: true, name: true } });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  await tx.user.update({ where: { id: user.id }, data: { totpSecret: null, totpConfirmedAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
  const passkeys = await tx.passkey.deleteMany({ where: { userId: user.id } });
  const ended = await tx.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
  await recordAudit(tx, {
    actor: options.approvedBy,
    action: "mfa.factors_reset",
    ip: options.ip,
    details: {
      userId: user.id,
      name: user.name,
      requestId: options.requestId,
      requestedBy: options.actor.id,
      passkeysRemoved: passkeys.count,
      sessionsEnded: ended.count,
    },
  });
}
