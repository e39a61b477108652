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
  /** Data rows in the file (header and empty lines not counted), valid or not. */
  rowCount: number;
  /** Rows with at least one error. */
  badRows: number;
  /** The field separator found on the header line. */
  delimiter: CsvDelimiter;
  /** A problem with the whole file (encoding, header, a broken record): nothing else is reliable. */
  fatal: string | null;
  sha256: string;
  bytes: number;
};

class EncodingError extends Error {}

export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };
export const delimiterName = (d: CsvDelimiter) => DELIMITER_NAMES[d];

/**
 * Hashes and checks the text as bytes pass, so the file is never held as one string. UTF-8 (a
 * byte-order mark is dropped by the parser) or, with its byte-order mark, UTF-16 as Excel's
 * "Unicode text" saves it: that is re-encoded to UTF-8 on the way.
 */
async function* checkedChunks(source: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>, counter: { bytes: number }) {
  let decoder: TextDecoder | null = null;
  let utf16 = false;
  const encoder = new TextEncoder();
  for await (const chunk of source) {
    hash.update(chunk);
    counter.bytes += chunk.byteLength;
    if (!decoder) {
      const le = chunk[0] === 0xff && chunk[1] === 0xfe;
      const be = chunk[0] === 0xfe && chunk[1] === 0xff;
      utf16 = le || be;
      decoder = new TextDecoder(le ? "utf-16le" : be ? "utf-16be" : "utf-8", { fatal: true, ignoreBOM: false });
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new EncodingError();
    }
    yield utf16 ? encoder.encode(text) : chunk;
  }
  try {
    const rest = decoder?.decode() ?? "";
    if (utf16 && rest) yield encoder.encode(rest);
  } catch {
    throw new EncodingError();
  }
}

/** Fields separated by what the header line holds most of, outside quotes: comma, semicolon or tab. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c as CsvDelimiter]++;
  }
  return CSV_DELIMITERS.reduce((best, d) => (counts[d] > counts[best] ? d : best), ",");
}

/**
 * Reads ahead to the end of the header line (at most MAX_RECORD_BYTES) to find the delimiter,
 * then hands on every byte, the ones read ahead first.
 */
async function peekDelimiter(source: AsyncIterable<Uint8Array>): Promise<{ delimiter: CsvDelimiter; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.byteLength;
    if (next.value.includes(0x0a) || size > MAX_RECORD_BYTES) break;
  }
  const text = new TextDecoder("utf-8").decode(Buffer.concat(head));
  const delimiter = detectDelimiter(text.split("\n", 1)[0] ?? "");
  async function* all() {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { delimiter, chunks: all() };
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
 * Streams an uploaded device CSV through csv-parse and validates every row in one pass: exact
 * column names (any order), zod per field (statuses in any case), key versions the console has a
 * master key for, duplicate serials, one name per owner email, UTF-8 (or UTF-16 with its BOM),
 * bounded record size. The delimiter is the header line's (comma, semicolon or tab). Errors carry
 * the physical line a record starts on (a quoted field may span lines) and the field; echoed
 * values are made spreadsheet-safe.
 */
export async function parseDeviceCsv(options: { source: AsyncIterable<Uint8Array>; keyVersions: readonly number[] }): Promise<ParsedDeviceCsv> {
  const hash = createHash("sha256");
  const counter = { bytes: 0 };
  const rows: DeviceImportRow[] = [];
  const errors: ImportError[] = [];
  let errorCount = 0;
  let rowCount = 0;
  let badRows = 0;
  let lastBadLine = 0;
  let fatal: string | null = null;
  const addError = (e: ImportError) => {
    errorCount++;
    if (e.line !== lastBadLine) badRows++;
    lastBadLine = e.line;
    if (errors.length < MAX_REPORTED_ERRORS) errors.push(e);
  };
  const knownVersions = new Set(options.keyVersions);
  const versionList = [...knownVersions].sort((a, b) => a - b).join(", ") || "none";

  let delimiter: CsvDelimiter = ",";
  let parser: ReturnType<typeof parse> | undefined;
  let columns: number[] | null = null;
  const serialLines = new Map<string, number>();
  const ownerNames = new Map<string, { name: string; line: number }>();
  // csv-parse counts the line a record ENDS on, and counts a CR LF inside quotes as two lines;
  // a person looks for the physical line a record STARTS on. Both are undone from the fields'
  // own line breaks (they hold the quoted ones verbatim).
  let extraBreaks = 0;
  try {
    const peeked = await peekDelimiter(checkedChunks(options.source, hash, counter));
    delimiter = peeked.delimiter;
    parser = parse({ info: true, bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD_BYTES });
    // pipeline (not pipe) so an encoding error in the source reaches the parser's reader.
    pipeline(Readable.from(peeked.chunks), parser).catch(() => undefined);
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let inside = 0;
      for (const field of record) {
        if (!field.includes("\n") && !field.includes("\r")) continue;
        inside += field.match(/\r\n|\r|\n/g)!.length;
        extraBreaks += field.match(/\r\n/g)?.length ?? 0;
      }
      const line = info.lines - extraBreaks - inside;
      if (!columns) {
        fatal = headerProblem(record);
        if (fatal) break;
        const names = record.map((h) => h.trim());
        columns = CSV_COLUMNS.map((c) => names.indexOf(c));
        continue;
      }
      rowCount++;
      if (record.length !== CSV_COLUMNS.length) {
        addError({
          line,
          field: null,
          message: `Expected ${CSV_COLUMNS.length} fields separated by ${delimiterName(delimiter)}s, found ${record.length}.`,
        });
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
      if (!knownVersions.has(v.key_version)) {
        addError({ line, field: "key_version", message: `Key version ${v.key_version} has no master key in this console (configured: ${versionList}).` });
        continue;
      }
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
    parser?.destroy();
  }
  if (!fatal && !columns) fatal = "The file is empty: it needs a header line and at least one row.";
  else if (!fatal && rows.length === 0 && errorCount === 0) fatal = "The file has a header but no rows.";
  return { rows, errors, errorCount, rowCount, badRows, delimiter, fatal, sha256: hash.digest("hex"), bytes: counter.bytes };
}
