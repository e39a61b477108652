import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { DeviceStatus } from "@/lib/generated/prisma/enums";
import { requireRecentSecondFactor, type StepUp } from "@/lib/auth/step-up";

/**
 * Blocks, marks stolen or re-activates a device, with the written reason kept and audited.
 * Re-activating reopens a blocked or stolen recorder to resets, so it needs a recent second factor
 * (step-up, lib/auth/step-up.ts), checked here so that no caller can skip it.
 */
export async function setDeviceStatus(options: {
  db: Db;
  actor: AuditActor & { id: string };
  ip: string | null;
  serial: string;
  status: DeviceStatus;
  reason: string;
  /** The acting admin's session and second-factor code; required to re-activate. */
  stepUp?: StepUp;
}) {
  if (options.status === "ACTIVE") {
    if (!options.stepUp) throw new AppError("FORBIDDEN", "Re-activating a recorder needs your second factor.");
    await requireRecentSecondFactor(options.db, options.stepUp, `device.reactivate ${options.serial}`);
  }
  return options.db.$transaction(async (tx) => {
    const [device] = await tx.$queryRaw<
      { id: string; status: DeviceStatus }[]
    >`SELECT "id", "status" FROM "Device" WHERE "serial" = ${options.serial} FOR UPDATE`;
    if (!device) throw new AppError("NOT_FOUND", "No such device.");
    if (device.status === options.status) throw new AppError("INVALID_STATE", `The device is already ${options.status.toLowerCase()}.`);
    const updated = await tx.device.update({ where: { id: device.id }, data: { status: options.status, statusReason: options.reason } });
    await recordAudit(tx, {
      actor: options.actor,
      action: "device.status_changed",
      ip: options.ip,
      serial: options.serial,
      details: { via: "manual", from: device.status, to: options.status, reason: options.reason },
    });
    return updated;
  });
}
