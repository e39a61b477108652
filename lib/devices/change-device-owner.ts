import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import { AppError } from "@/lib/errors";
import { maskEmail } from "@/lib/privacy/mask-email";
import { requireRecentSecondFactor, type StepUp } from "@/lib/auth/step-up";
import { notifyOwnerChange } from "./notify-owner-change";

export const MANUAL_OWNER_SOURCE = "admin";

/**
 * Re-binds a device to a new owner of record, after the acting admin proved their second factor
 * in the last 5 minutes or now (step-up, checked here so that no caller can skip it). The previous owner is told (outbox, same transaction), so the change cannot quietly
 * prepare a reset to someone else's address.
 */
export async function changeDeviceOwner(options: {
  db: Db;
  actor: AuditActor & { id: string };
  ip: string | null;
  /** The acting admin's session and, when the UI asked for it, their second-factor code. */
  stepUp: StepUp;
  serial: string;
  ownerEmail: string;
  ownerName: string;
  reason: string;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  const email = normalizeEmailAddress(options.ownerEmail);
  await requireRecentSecondFactor(options.db, options.stepUp, `device.owner_change ${options.serial}`);
  return options.db.$transaction(async (tx) => {
    const [device] = await tx.$queryRaw<{ id: string; ownerEmail: string | null }[]>`
      SELECT d."id", o."email" AS "ownerEmail" FROM "Device" d LEFT JOIN "Owner" o ON o."id" = d."ownerId" WHERE d."serial" = ${options.serial} FOR UPDATE OF d`;
    if (!device) throw new AppError("NOT_FOUND", "No such device.");
    if (device.ownerEmail === email)
      throw new AppError("INVALID_STATE", "That is already the owner of record.", { ownerEmail: ["That is already the owner of record."] });
    const owner = await tx.owner.upsert({ where: { email }, create: { email, name: options.ownerName }, update: {} });
    const updated = await tx.device.update({ where: { id: device.id }, data: { ownerId: owner.id, ownerSince: now, ownerSource: MANUAL_OWNER_SOURCE } });
    if (device.ownerEmail) await notifyOwnerChange(tx, { serial: options.serial, previousEmail: device.ownerEmail, newEmail: email, changedAt: now });
    await recordAudit(tx, {
      actor: options.actor,
      action: "device.owner_changed",
      ip: options.ip,
      serial: options.serial,
      details: { via: "manual", from: device.ownerEmail ? maskEmail(device.ownerEmail) : null, to: maskEmail(email), reason: options.reason },
    });
    return updated;
  });
}
