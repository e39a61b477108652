import { describe, expect, it } from "vitest";
import { spreadsheetSafe } from "./spreadsheet-safe";

describe("spreadsheetSafe", () => {
  it("defuses formula starters and keeps plain text", () => {
    expect(spreadsheetSafe('=HYPERLINK("http://evil","x")')).toBe(`'=HYPERLINK("http://evil","x")`);
    for (const c of ["+", "-", "@", "\t"]) expect(spreadsheetSafe(`${c}1`).startsWith("'")).toBe(true);
    expect(spreadsheetSafe("Olivia Owner")).toBe("Olivia Owner");
  });
  it("shortens long values and flattens control characters", () => {
    expect(spreadsheetSafe("a".repeat(100))).toBe(`${"a".repeat(40)}…`);
    expect(spreadsheetSafe("a\nb")).toBe("a b");
  });
});
