import { stringify } from "csv-stringify/sync";
import { neutralizeCell } from "./neutralize-cell";

/**
 * CSV text for some rows: every cell neutralised against formula injection and quoted (so
 * embedded commas, quotes and line breaks stay inside their cell), CRLF line ends (RFC 4180).
 */
export function csvRows(rows: readonly (readonly unknown[])[]): string {
  if (rows.length === 0) return "";
  return stringify(
    rows.map((row) => row.map(neutralizeCell)),
    { quoted: true, quoted_empty: true, record_delimiter: "windows" },
  );
}
