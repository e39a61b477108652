import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceImportRow } from "./parse-device-csv";

/** Serials looked up per query when comparing a file with the registry. */
export const PLAN_BATCH = 5_000;

type Existing = {
  serial: string;
  model: string;
  mac: string;
  keyVersion: number;
  status: string;
  ownerSince: Date | null;
  ownerSource: string | null;
  ownerEmail: string | null;
};

export type OwnerChange = { line: number; serial: string; fromEmail: string | null; toEmail: string };
export type StatusChange = { line: number; serial: string; from: string; to: string };

export type DeviceImportPlan = {
  create: number;
  update: number;
  unchanged: number;
  ownerChanges: OwnerChange[];
  statusChanges: StatusChange[];
};

function sameDevice(row: DeviceImportRow, e: Existing): boolean {
  return (
    row.model === e.model &&
    row.mac === e.mac &&
    row.keyVersion === e.keyVersion &&
    row.status === e.status &&
    row.ownerEmail === e.ownerEmail &&
    row.source === e.ownerSource &&
    row.boundSince.getTime() === e.ownerSince?.getTime()
  );
}

/**
 * Compares validated rows with the registry: what would be created, updated or left alone, and
 * which existing devices would change owner of record or status. Inside the import's transaction
 * `lock` takes the existing rows FOR UPDATE, so the plan still holds when it is applied.
 */
export async function planDeviceImport(options: { db: Db | Prisma.TransactionClient; rows: DeviceImportRow[]; lock?: boolean }): Promise<DeviceImportPlan> {
  const plan: DeviceImportPlan = { create: 0, update: 0, unchanged: 0, ownerChanges: [], statusChanges: [] };
  const lock = options.lock ? Prisma.sql`FOR UPDATE OF d` : Prisma.empty;
  for (let start = 0; start < options.rows.length; start += PLAN_BATCH) {
    const batch = options.rows.slice(start, start + PLAN_BATCH);
    const found = await options.db.$queryRaw<Existing[]>`
      SELECT d."serial", d."model", d."mac", d."keyVersion", d."status"::text AS "status", d."ownerSince", d."ownerSource", o."email" AS "ownerEmail"
      FROM "Device" d LEFT JOIN "Owner" o ON o."id" = d."ownerId"
      WHERE d."serial" = ANY(${batch.map((r) => r.serial)}::text[])
      ${lock}`;
    const bySerial = new Map(found.map((e) => [e.serial, e]));
    for (const row of batch) {
      const existing = bySerial.get(row.serial);
      if (!existing) plan.create++;
      else if (sameDevice(row, existing)) plan.unchanged++;
      else {
        plan.update++;
        if (existing.ownerEmail !== row.ownerEmail)
          plan.ownerChanges.push({ line: row.line, serial: row.serial, fromEmail: existing.ownerEmail, toEmail: row.ownerEmail });
        if (existing.status !== row.status) plan.statusChanges.push({ line: row.line, serial: row.serial, from: existing.status, to: row.status });
      }
    }
  }
  return plan;
}
