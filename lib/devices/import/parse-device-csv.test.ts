import { describe, expect, it } from "vitest";
import { detectDelimiter, parseDeviceCsv } from "./parse-device-csv";

const HEADER = "serial,model,mac,key_version,status,owner_email,owner_name,bound_since,source";
const row = (serial: string, name = "Owner", mac = "AABBCCDDEEFF") =>
  `${serial},NVR-8016,${mac},1,active,o-${serial.toLowerCase()}@example.com,${name},2025-01-01,f`;

async function* bytes(text: string, chunk = 5) {
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += chunk) yield all.slice(i, i + chunk);
}

describe("line numbers in the import report", () => {
  // Each file has a bad MAC on the row of serial BAD-000: its record starts on `line`.
  const CASES: [string, string, number][] = [
    ["LF", [HEADER, row("OK-0001"), row("BAD-000", "Owner", "XYZ")].join("\n"), 3],
    ["CR LF", [HEADER, row("OK-0001"), row("BAD-000", "Owner", "XYZ")].join("\r\n"), 3],
    ["empty lines", [HEADER, "", row("OK-0001"), "", "", row("BAD-000", "Owner", "XYZ")].join("\n"), 6],
    ["quoted name over lines, LF", [HEADER, row("OK-0001", '"Two\n\nlines"'), row("BAD-000", "Owner", "XYZ")].join("\n"), 5],
    ["quoted name over lines, CR LF", [HEADER, row("OK-0001", '"Two\r\n\r\nlines"'), "", row("BAD-000", "Owner", "XYZ")].join("\r\n"), 6],
    ["the bad row itself spans lines", [HEADER, row("BAD-000", '"Multi\r\nline"', "XYZ"), row("OK-0001")].join("\r\n"), 2],
  ];
  it.each(CASES)("%s", async (_, csv, line) => {
    const parsed = await parseDeviceCsv({ source: bytes(csv), keyVersions: [1] });
    expect(parsed.errors).toEqual([expect.objectContaining({ line, field: "mac" })]);
    expect(parsed).toMatchObject({ rowCount: 2, badRows: 1, errorCount: 1 });
  });
});

describe("the delimiter", () => {
  it.each([
    [HEADER, ","],
    [HEADER.replaceAll(",", ";"), ";"],
    [HEADER.replaceAll(",", "\t"), "\t"],
    ['"a;b",c,d', ","],
    ["serial", ","],
  ])("%j → %j", (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
  it("a header cut across chunks is still read whole", async () => {
    const csv = [HEADER.replaceAll(",", ";"), row("SEMI-0001").replaceAll(",", ";")].join("\n");
    const parsed = await parseDeviceCsv({ source: bytes(csv, 3), keyVersions: [1] });
    expect(parsed).toMatchObject({ delimiter: ";", errorCount: 0, rowCount: 1, fatal: null });
  });
});
