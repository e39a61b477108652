import { describe, expect, it } from "vitest";
import { deviceImportTemplate } from "./import-template";
import { parseDeviceCsv } from "./parse-device-csv";

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

describe("the device import template", () => {
  it("passes the importer's own checks: every column, valid example rows, the BOM dropped", async () => {
    const template = deviceImportTemplate(2);
    expect(template.startsWith("\uFEFFserial,model,mac,key_version,status,")).toBe(true);
    const parsed = await parseDeviceCsv({ source: bytes(template), keyVersions: [2] });
    expect(parsed).toMatchObject({ fatal: null, errorCount: 0, rowCount: 2, delimiter: "," });
    expect(parsed.rows.map((r) => [r.serial, r.status, r.mac, r.ownerName])).toEqual([
      ["NVR8-2411-000123", "ACTIVE", "3CEF8C123456", "Kim Lee"],
      ["DVR4-2502-004711", "BLOCKED", "3CEF8C123457", "Corner Store, Ltd"],
    ]);
  });
  it("uses the key version it is given, which the importer then holds to", async () => {
    const parsed = await parseDeviceCsv({ source: bytes(deviceImportTemplate(2)), keyVersions: [1] });
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([
      [2, "key_version"],
      [3, "key_version"],
    ]);
    expect(parsed).toMatchObject({ rowCount: 2, badRows: 2 });
  });
});
