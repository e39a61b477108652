import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { keyVersions } from "@/lib/settings/key-versions";
import { requireRecentSecondFactor, type StepUp } from "@/lib/auth/step-up";
import { importDevices, type DeviceImportReport } from "./import-devices";
import { DEVICE_IMPORT_UPLOAD } from "./upload-protocol";

const MIB = 1024 * 1024;

/** The upload is over the cap (declared or counted while streaming): refused, nothing written. */
function tooLarge(maxBytes: number): AppError {
  const size = maxBytes >= MIB ? `${Math.floor(maxBytes / MIB)} MB` : `${maxBytes} bytes`;
  return new AppError("TOO_LARGE", `The file is larger than ${size}. Split it into smaller files and import them one by one.`);
}

export type DeviceImportOutcome = { ok: boolean; message: string; report: DeviceImportReport };

/** Passes bytes through while counting them; stops reading (and cancels the source) past the cap. */
async function* capped(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}

/**
 * One uploaded device CSV, as the admin console or an API client sends it: the size cap (the
 * declared length first, then every byte as it streams), the password re-entry before owner
 * changes or re-activations, then the all-or-nothing import. Parsing finishes before anything is
 * written, so a body cut off at the cap changes nothing.
 */
export async function importDevicesUpload(options: {
  db: Db;
  actor: { id: string; label: string };
  ip: string;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  /** The Content-Length the client announced, if any: checked before reading or asking for the password. */
  declaredBytes: number | null;
  dryRun: boolean;
  allowOwnerChanges: boolean;
  /** The admin's session and second-factor code: a real import with owner changes needs a recent second factor. */
  stepUp?: StepUp;
  maxBytes?: number;
}): Promise<DeviceImportOutcome> {
  const maxBytes = options.maxBytes ?? DEVICE_IMPORT_UPLOAD.maxBytes;
  if (options.declaredBytes !== null && options.declaredBytes > maxBytes) throw tooLarge(maxBytes);
  // Checked at start-up (instrumentation.ts); without master keys no key version can be checked, nor any code made.
  const keys = keyVersions();
  if ("error" in keys) throw new AppError("UNAVAILABLE", `${keys.error} Device imports need it to check key versions.`);
  let authorized = false;
  if (!options.dryRun && options.allowOwnerChanges) {
    if (!options.stepUp) throw new AppError("FORBIDDEN", "Owner changes by import need your second factor.");
    await requireRecentSecondFactor(options.db, options.stepUp, "device.import_owner_changes");
    authorized = true;
  }
  const report = await importDevices({
    db: options.db,
    actor: options.actor,
    ip: options.ip,
    fileName: options.fileName,
    source: capped(options.source, maxBytes),
    dryRun: options.dryRun,
    ownerChangesAuthorized: authorized,
    keyVersions: keys.versions,
  });
  const ok = !report.fatal && report.errorCount === 0;
  const message = report.imported ? "Imported." : ok ? "Dry run: nothing was written." : "The file was refused: nothing was imported.";
  return { ok, message, report };
}
