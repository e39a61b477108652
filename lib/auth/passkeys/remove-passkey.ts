import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireRecentSecondFactor, type StepUp } from "@/lib/auth/step-up";

/** A user's passkeys for the account page, newest first (never the key material). */
export async function listPasskeys(db: Db, userId: string) {
  return db.passkey.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, backedUp: true },
  });
}

/**
 * Removes one of the user's own passkeys, after a recent second factor (step-up: someone at an
 * unlocked screen must not strip the owner's factors). Audited as `mfa.passkey_removed`.
 */
export async function removePasskey(options: { db: Db; actor: AuditActor & { id: string }; stepUp: StepUp; passkeyId: string; now?: Date }): Promise<void> {
  const { db, actor } = options;
  const passkey = await db.passkey.findUnique({ where: { id: options.passkeyId }, select: { id: true, userId: true, name: true } });
  // Another user's passkey answers like a missing one.
  if (!passkey || passkey.userId !== actor.id) throw new AppError("NOT_FOUND", "No such passkey.");
  await requireRecentSecondFactor(db, options.stepUp, "remove a passkey", options.now);
  await db.$transaction(async (tx) => {
    const removed = await tx.passkey.deleteMany({ where: { id: passkey.id, userId: actor.id } });
    if (removed.count !== 1) throw new AppError("NOT_FOUND", "No such passkey.");
    await recordAudit(tx, { actor, action: "mfa.passkey_removed", ip: options.stepUp.ip, details: { passkeyId: passkey.id, name: passkey.name } });
  });
}
