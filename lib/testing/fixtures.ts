import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { DeviceStatus, Role } from "@/lib/generated/prisma/enums";
import { createChallenge, deriveDeviceKey, parseMasterKeys, type MasterKeys } from "@/lib/reset-protocol";

/** The RP1 test-vector master keys: public, for tests only. */
export const TEST_KEYS: MasterKeys = parseMasterKeys(
  "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,2:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
  "1",
);

export function uniqueSerial(prefix = "T"): string {
  return `${prefix}${randomUUID().replaceAll("-", "").slice(0, 12).toUpperCase()}`;
}

export async function seedStaff(db: Db, role: Role = "AGENT") {
  const tag = randomUUID().slice(0, 8);
  return db.user.create({ data: { email: `${role.toLowerCase()}-${tag}@test.local`, name: `${role} ${tag}`, role } });
}

export async function seedDevice(db: Db, options: { serial?: string; ownerEmail?: string | null; status?: DeviceStatus; keyVersion?: number } = {}) {
  const serial = options.serial ?? uniqueSerial();
  const ownerEmail = options.ownerEmail === undefined ? `owner-${serial.toLowerCase()}@example.com` : options.ownerEmail;
  const owner = ownerEmail ? await db.owner.upsert({ where: { email: ownerEmail }, create: { email: ownerEmail, name: "Owner" }, update: {} }) : null;
  return db.device.create({
    data: {
      serial,
      model: "NVR-8016",
      mac: "A1B2C3D4E5F6",
      keyVersion: options.keyVersion ?? 1,
      status: options.status ?? "ACTIVE",
      ownerId: owner?.id,
      ownerSince: owner ? new Date() : null,
      ownerSource: "test",
    },
  });
}

/** A genuine challenge, as the recorder would show it for `serial` with `reservedEmail`. */
export function recorderChallenge(options: { serial: string; reservedEmail: string; time?: Date; keyVersion?: number; keys?: MasterKeys }): string {
  const keys = options.keys ?? TEST_KEYS;
  const keyVersion = options.keyVersion ?? 1;
  const masterKey = keys.get(keyVersion);
  if (!masterKey) throw new Error(`no test key ${keyVersion}`);
  return createChallenge({
    deviceKey: deriveDeviceKey({ masterKey, serial: options.serial }),
    serial: options.serial,
    model: "NVR-8016",
    mac: "A1B2C3D4E5F6",
    firmware: "4.1.7",
    keyVersion,
    time: Math.floor((options.time ?? new Date()).getTime() / 1000),
    nonceBytes: randomBytes(12),
    reservedEmail: options.reservedEmail,
    host: "reset.example.com",
  }).url;
}
