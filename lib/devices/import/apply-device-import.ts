import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceImportRow } from "./parse-device-csv";

/** Rows per multi-row INSERT … ON CONFLICT (arrays through unnest: one statement, no parameter limit). */
export const APPLY_BATCH = 5_000;

/**
 * Writes validated rows in set-based batches: owners by email, then devices by serial. Rows that
 * would not change anything are skipped by the ON CONFLICT … WHERE, so updatedAt stays honest.
 */
export async function applyDeviceImport(tx: Prisma.TransactionClient, options: { rows: DeviceImportRow[]; statusReason: string }) {
  const owners = new Map<string, string>();
  for (const row of options.rows) if (!owners.has(row.ownerEmail)) owners.set(row.ownerEmail, row.ownerName);
  const ownerList = [...owners];
  for (let start = 0; start < ownerList.length; start += APPLY_BATCH) {
    const batch = ownerList.slice(start, start + APPLY_BATCH);
    await tx.$executeRaw`
      INSERT INTO "Owner" ("id", "email", "name")
      SELECT gen_random_uuid(), u.email, u.name FROM unnest(${batch.map((o) => o[0])}::text[], ${batch.map((o) => o[1])}::text[]) AS u(email, name)
      ON CONFLICT ("email") DO UPDATE SET "name" = EXCLUDED."name" WHERE "Owner"."name" IS DISTINCT FROM EXCLUDED."name"`;
  }
  for (let start = 0; start < options.rows.length; start += APPLY_BATCH) {
    const batch = options.rows.slice(start, start + APPLY_BATCH);
    await tx.$executeRaw`
      INSERT INTO "Device" ("id", "serial", "model", "mac", "keyVersion", "status", "ownerId", "ownerSince", "ownerSource", "updatedAt")
      SELECT gen_random_uuid(), u.serial, u.model, u.mac, u.key_version, u.status::"DeviceStatus", o."id", u.since::timestamptz, u.source, now()
      FROM unnest(
        ${batch.map((r) => r.serial)}::text[], ${batch.map((r) => r.model)}::text[], ${batch.map((r) => r.mac)}::text[],
        ${batch.map((r) => r.keyVersion)}::int[], ${batch.map((r) => r.status)}::text[], ${batch.map((r) => r.ownerEmail)}::text[],
        ${batch.map((r) => r.boundSince.toISOString())}::text[], ${batch.map((r) => r.source)}::text[]
      ) AS u(serial, model, mac, key_version, status, email, since, source)
      JOIN "Owner" o ON o."email" = u.email
      ON CONFLICT ("serial") DO UPDATE SET
        "model" = EXCLUDED."model", "mac" = EXCLUDED."mac", "keyVersion" = EXCLUDED."keyVersion",
        "statusReason" = CASE WHEN "Device"."status" <> EXCLUDED."status" THEN ${options.statusReason} ELSE "Device"."statusReason" END,
        "status" = EXCLUDED."status", "ownerId" = EXCLUDED."ownerId", "ownerSince" = EXCLUDED."ownerSince",
        "ownerSource" = EXCLUDED."ownerSource", "updatedAt" = now()
      WHERE ("Device"."model", "Device"."mac", "Device"."keyVersion", "Device"."status", "Device"."ownerId", "Device"."ownerSince", "Device"."ownerSource")
        IS DISTINCT FROM (EXCLUDED."model", EXCLUDED."mac", EXCLUDED."keyVersion", EXCLUDED."status", EXCLUDED."ownerId", EXCLUDED."ownerSince", EXCLUDED."ownerSource")`;
  }
}
