import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import type { DeviceStatus } from "@/lib/generated/prisma/enums";
import { CSV_COLUMNS, deviceCsvRowSchema } from "@/lib/validation/devices";
import { spreadsheetSafe } from "@/lib/csv/neutralize-cell";

/** A CSV line longer than this is refused outright (csv-parse stops at it). */
export const MAX_RECORD_BYTES = 4096;
/** Only the first errors are kept for the report; all are counted. */
export const MAX_REPORTED_ERRORS = 100;

export type DeviceImportRow = {
  line: number;
  serial: string;
  model: string;
  mac: string;
  keyVersion: number;
  status: DeviceStatus;
  ownerEmail: string;
  ownerName: string;
  boundSince: Date;
  source: string;
};

export type ImportError = { line: number; field: string | null; message: string };

export type ParsedDeviceCsv = {
  rows: DeviceImportRow[];
  errors: ImportError[];
  errorCount: number;
  /** A problem with the whole file (encoding, header, a broken record): nothing else is reliable. */
  fatal: string | null;
  sha256: string;
  bytes: number;
};

class EncodingError extends Error {}

/** Hashes and checks UTF-8 as bytes pass, so the file is never held as one string. */
async function* checkedChunks(source: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>, counter: { bytes: number }) {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of source) {
    hash.update(chunk);
    counter.bytes += chunk.byteLength;
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      throw new EncodingError();
    }
    yield chunk;
  }
  try {
    decoder.decode();
  } catch {
    throw new EncodingError();
  }
}

function headerProblem(header: string[]): string | null {
  const names = header.map((h) => h.trim());
  const unknown = names.filter((n) => !(CSV_COLUMNS as string[]).includes(n));
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const parts = [
    missing.length ? `missing column(s): ${missing.join(", ")}` : null,
    unknown.length ? `unknown column(s): ${unknown.map((u) => spreadsheetSafe(u)).join(", ")}` : null,
    repeated.length ? `repeated column(s): ${repeated.map((u) => spreadsheetSafe(u)).join(", ")}` : null,
  ].filter(Boolean);
  return parts.length ? `Line 1 (header): ${parts.join("; ")}. Expected exactly: ${CSV_COLUMNS.join(",")} (any order).` : null;
}

/**
 * Streams an uploaded device CSV through csv-parse and validates it row by row: exact column
 * names (any order), zod per field, duplicate serials, one name per owner email, UTF-8 only,
 * bounded record size. Errors carry the CSV line and the field; echoed values are made
 * spreadsheet-safe.
 */
export async function parseDeviceCsv(options: { source: AsyncIterable<Uint8Array> }): Promise<ParsedDeviceCsv> {
  const hash = createHash("sha256");
  const counter = { bytes: 0 };
  const rows: DeviceImportRow[] = [];
  const errors: ImportError[] = [];
  let errorCount = 0;
  let fatal: string | null = null;
  const addError = (e: ImportError) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };

  const parser = parse({ info: true, bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES });
  // pipeline (not pipe) so an encoding error in the source reaches the parser's reader.
  pipeline(Readable.from(checkedChunks(options.source, hash, counter)), parser).catch(() => undefined);
  let columns: number[] | null = null;
  const serialLines = new Map<string, number>();
  const ownerNames = new Map<string, { name: string; line: number }>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (!columns) {
        fatal = headerProblem(record);
        if (fatal) break;
        const names = record.map((h) => h.trim());
        columns = CSV_COLUMNS.map((c) => names.indexOf(c));
        continue;
      }
      if (record.length !== CSV_COLUMNS.length) {
        addError({ line, field: null, message: `Expected ${CSV_COLUMNS.length} fields, found ${record.length}.` });
        continue;
      }
      const raw = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, record[columns![i]!] ?? ""]));
      const parsed = deviceCsvRowSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "");
          const value = raw[field] ?? "";
          addError({ line, field, message: `${issue.message} (got "${spreadsheetSafe(value)}")` });
        }
        continue;
      }
      const v = parsed.data;
      const firstLine = serialLines.get(v.serial);
      if (firstLine !== undefined) {
        addError({ line, field: "serial", message: `Duplicate serial ${v.serial}: already on line ${firstLine}.` });
        continue;
      }
      serialLines.set(v.serial, line);
      const owner = ownerNames.get(v.owner_email);
      if (owner && owner.name !== v.owner_name) {
        addError({ line, field: "owner_name", message: `Owner ${v.owner_email} is named differently on line ${owner.line}.` });
        continue;
      }
      if (!owner) ownerNames.set(v.owner_email, { name: v.owner_name, line });
      rows.push({
        line,
        serial: v.serial,
        model: v.model,
        mac: v.mac,
        keyVersion: v.key_version,
        status: v.status,
        ownerEmail: v.owner_email,
        ownerName: v.owner_name,
        boundSince: v.bound_since,
        source: v.source,
      });
    }
  } catch (e) {
    if (e instanceof EncodingError) fatal = "The file is not UTF-8 text. Save it as CSV UTF-8 and upload it again.";
    else if (e instanceof CsvError) {
      const line = typeof e.lines === "number" ? e.lines : "?";
      fatal =
        e.code === "CSV_MAX_RECORD_SIZE"
          ? `Line ${line}: a record is longer than ${MAX_RECORD_BYTES} bytes; the file was refused.`
          : `Line ${line}: the CSV is malformed (${e.code}); the file was refused.`;
    } else throw e;
  } finally {
    parser.destroy();
  }
  if (!fatal && !columns) fatal = "The file is empty: it needs a header line and at least one row.";
  else if (!fatal && rows.length === 0 && errorCount === 0) fatal = "The file has a header but no rows.";
  return { rows, errors, errorCount, fatal, sha256: hash.digest("hex"), bytes: counter.bytes };
}
