import { CSV_COLUMNS } from "@/lib/validation/devices";

/**
 * The CSV an admin downloads to start an import: the header the importer expects and two rows
 * that show each column's format (both pass a dry run on a console holding `keyVersion`). UTF-8
 * with a byte-order mark, so spreadsheet programs open it as UTF-8; the importer drops the mark.
 */
export function deviceImportTemplate(keyVersion: number): string {
  const example: Record<(typeof CSV_COLUMNS)[number], string>[] = [
    {
      serial: "NVR8-2411-000123",
      model: "NVR-8016",
      mac: "3C:EF:8C:12:34:56",
      key_version: String(keyVersion),
      status: "active",
      owner_email: "owner@example.com",
      owner_name: "Kim Lee",
      bound_since: "2024-11-30",
      source: "registration",
    },
    {
      serial: "DVR4-2502-004711",
      model: "DVR-4104",
      mac: "3cef8c123457",
      key_version: String(keyVersion),
      status: "blocked",
      owner_email: "shop@example.com",
      owner_name: '"Corner Store, Ltd"',
      bound_since: "2025-02-01T09:30:00Z",
      source: "reseller",
    },
  ];
  const lines = [CSV_COLUMNS.join(","), ...example.map((row) => CSV_COLUMNS.map((c) => row[c]).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
