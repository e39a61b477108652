import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import { AppError } from "@/lib/errors";
import { maskEmail } from "@/lib/privacy/mask-email";
import { MANUAL_OWNER_SOURCE } from "./change-device-owner";

/** Registers one device with its owner of record (the manual form; bulk goes through import). */
export async function createDevice(options: {
  db: Db;
  actor: AuditActor;
  ip: string;
  serial: string;
  model: string;
  mac: string;
  keyVersion: number;
  ownerEmail: string;
  ownerName: string;
  now?: Date;
}) {
  const email = normalizeEmailAddress(options.ownerEmail);
  return options.db.$transaction(async (tx) => {
    if (await tx.device.findUnique({ where: { serial: options.serial }, select: { id: true } })) {
      throw new AppError("CONFLICT", "A device with this serial already exists.", { serial: ["A device with this serial already exists."] });
    }
    const owner = await tx.owner.upsert({ where: { email }, create: { email, name: options.ownerName }, update: {} });
    const device = await tx.device.create({
      data: {
        serial: options.serial,
        model: options.model,
        mac: options.mac,
        keyVersion: options.keyVersion,
        ownerId: owner.id,
        ownerSince: options.now ?? new Date(),
        ownerSource: MANUAL_OWNER_SOURCE,
      },
    });
    await recordAudit(tx, {
      actor: options.actor,
      action: "device.created",
      ip: options.ip,
      serial: device.serial,
      details: { model: device.model, keyVersion: device.keyVersion, owner: maskEmail(email) },
    });
    return device;
  });
}
