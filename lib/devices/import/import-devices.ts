import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { maskEmail } from "@/lib/privacy/mask-email";
import { notifyOwnerChange } from "../notify-owner-change";
import { applyDeviceImport } from "./apply-device-import";
import { delimiterName, MAX_REPORTED_ERRORS, parseDeviceCsv, type ImportError } from "./parse-device-csv";
import { planDeviceImport, type DeviceImportPlan } from "./plan-device-import";
import { spreadsheetSafe } from "@/lib/csv/neutralize-cell";

/** A 200,000-row import takes about a minute; Prisma's default of 5 s is for ordinary requests. */
export const IMPORT_TX_TIMEOUT_MS = 10 * 60 * 1000;

export type DeviceImportReport = {
  fileName: string;
  sha256: string;
  /** Data rows in the file, valid or not. */
  rows: number;
  /** Rows with at least one error. */
  badRows: number;
  /** "comma", "semicolon" or "tab": the separator found on the header line. */
  delimiter: string;
  dryRun: boolean;
  imported: boolean;
  fatal: string | null;
  errors: ImportError[];
  errorCount: number;
  counts: { create: number; update: number; unchanged: number; ownerChanges: number; statusChanges: number } | null;
  ownerChanges: { line: number; serial: string; from: string | null; to: string }[];
};

function summary(plan: DeviceImportPlan) {
  return {
    create: plan.create,
    update: plan.update,
    unchanged: plan.unchanged,
    ownerChanges: plan.ownerChanges.length,
    statusChanges: plan.statusChanges.length,
  };
}

function ownerChangeList(plan: DeviceImportPlan) {
  return plan.ownerChanges
    .slice(0, MAX_REPORTED_ERRORS)
    .map((c) => ({ line: c.line, serial: c.serial, from: c.fromEmail ? maskEmail(c.fromEmail) : null, to: maskEmail(c.toEmail) }));
}

/** Re-activating a blocked or stolen recorder reopens it to resets: as sensitive as an owner change. */
function reactivations(plan: DeviceImportPlan) {
  return plan.statusChanges.filter((c) => c.to === "ACTIVE" && c.from !== "ACTIVE");
}

function refusedOwnerChanges(plan: DeviceImportPlan): ImportError[] {
  return [
    ...plan.ownerChanges.map((c) => ({
      line: c.line,
      field: "owner_email",
      message: `Owner of record of ${c.serial} would change${c.fromEmail ? ` from ${maskEmail(c.fromEmail)}` : ""} to ${maskEmail(c.toEmail)}. Tick "allow owner changes" (and confirm with your authenticator code if asked) to allow it.`,
    })),
    ...reactivations(plan).map((c) => ({
      line: c.line,
      field: "status",
      message: `${c.serial} would go from ${c.from} back to ACTIVE. Tick "allow owner changes" (and confirm with your authenticator code if asked) to allow it.`,
    })),
  ].sort((a, b) => a.line - b.line);
}

/**
 * Imports devices and owners of record from a CSV stream, all or nothing. A dry run parses,
 * validates and compares with the registry without writing. The real run re-plans inside one
 * transaction (rows locked), refuses owner changes unless `ownerChangesAuthorized` (the caller
 * has re-checked the admin's password), writes in batches, notifies each previous owner and
 * records one summary audit event (plus one per owner or status change, for device history).
 */
export async function importDevices(options: {
  db: Db;
  actor: AuditActor;
  ip: string;
  fileName: string;
  source: AsyncIterable<Uint8Array>;
  dryRun: boolean;
  ownerChangesAuthorized: boolean;
  /** Master key versions the console holds: a row with another version is refused (its recorder's codes could never be made). */
  keyVersions: readonly number[];
  now?: Date;
}): Promise<DeviceImportReport> {
  const fileName = spreadsheetSafe(options.fileName, 120);
  const parsed = await parseDeviceCsv({ source: options.source, keyVersions: options.keyVersions });
  const base = {
    fileName,
    sha256: parsed.sha256,
    rows: parsed.rowCount,
    badRows: parsed.badRows,
    delimiter: delimiterName(parsed.delimiter),
    dryRun: options.dryRun,
    imported: false,
  };
  if (parsed.fatal) return { ...base, fatal: parsed.fatal, errors: parsed.errors, errorCount: parsed.errorCount, counts: null, ownerChanges: [] };
  if (options.dryRun || parsed.errorCount > 0) {
    // One pass: the valid rows are compared with the registry even when others are wrong, so the
    // report holds every problem at once, including the owner changes a real import would refuse.
    const plan = await planDeviceImport({ db: options.db, rows: parsed.rows });
    const refused = !options.dryRun && !options.ownerChangesAuthorized ? refusedOwnerChanges(plan) : [];
    const errors = [...parsed.errors, ...refused].sort((a, b) => a.line - b.line).slice(0, MAX_REPORTED_ERRORS);
    const badLines = new Set(refused.map((e) => e.line));
    return {
      ...base,
      badRows: base.badRows + badLines.size,
      fatal: null,
      errors,
      errorCount: parsed.errorCount + refused.length,
      counts: summary(plan),
      ownerChanges: ownerChangeList(plan),
    };
  }
  const now = options.now ?? new Date();
  return options.db.$transaction(
    async (tx) => {
      const plan = await planDeviceImport({ db: tx, rows: parsed.rows, lock: true });
      if ((plan.ownerChanges.length > 0 || reactivations(plan).length > 0) && !options.ownerChangesAuthorized) {
        const errors = refusedOwnerChanges(plan);
        return {
          ...base,
          badRows: new Set(errors.map((e) => e.line)).size,
          fatal: null,
          errors: errors.slice(0, MAX_REPORTED_ERRORS),
          errorCount: errors.length,
          counts: summary(plan),
          ownerChanges: ownerChangeList(plan),
        };
      }
      await applyDeviceImport(tx, { rows: parsed.rows, statusReason: `Imported from ${fileName}` });
      for (const change of plan.ownerChanges) {
        if (change.fromEmail) await notifyOwnerChange(tx, { serial: change.serial, previousEmail: change.fromEmail, newEmail: change.toEmail, changedAt: now });
        await recordAudit(tx, {
          actor: options.actor,
          action: "device.owner_changed",
          ip: options.ip,
          serial: change.serial,
          details: { via: "import", from: change.fromEmail ? maskEmail(change.fromEmail) : null, to: maskEmail(change.toEmail), sha256: parsed.sha256 },
        });
      }
      for (const change of plan.statusChanges) {
        await recordAudit(tx, {
          actor: options.actor,
          action: "device.status_changed",
          ip: options.ip,
          serial: change.serial,
          details: { via: "import", from: change.from, to: change.to, reason: `Imported from ${fileName}` },
        });
      }
      await recordAudit(tx, {
        actor: options.actor,
        action: "device.import",
        ip: options.ip,
        details: { fileName, sha256: parsed.sha256, bytes: parsed.bytes, rows: parsed.rows.length, ...summary(plan) },
      });
      return { ...base, imported: true, fatal: null, errors: [], errorCount: 0, counts: summary(plan), ownerChanges: ownerChangeList(plan) };
    },
    { timeout: IMPORT_TX_TIMEOUT_MS, maxWait: 30_000 },
  );
}
