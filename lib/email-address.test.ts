import { describe, expect, it } from "vitest";
import { z } from "zod";
import { normalizeEmailAddress, sameEmailAddress } from "./email-address";

// [as typed, as stored]
const ROWS: [string, string][] = [
  ["kim.lee@example.org", "kim.lee@example.org"],
  ["Kim.Lee@Example.ORG", "kim.lee@example.org"],
  ["  owner@example.com\n", "owner@example.com"],
  ["\u00a0\ufeffowner@example.com\u3000", "owner@example.com"],
  ["\towner@EXAMPLE.com\r\n", "owner@example.com"],
  ["first last@example.com", "first last@example.com"],
  ["ÄNDERUNG@BEISPIEL.DE", "änderung@beispiel.de"],
  ["", ""],
];

describe("normalizeEmailAddress", () => {
  it.each(ROWS)("%j → %j", (typed, stored) => {
    expect(normalizeEmailAddress(typed)).toBe(stored);
    expect(normalizeEmailAddress(stored)).toBe(stored);
  });

  it.each(ROWS)("agrees with the zod forms' trim + lower-case for %j", (typed) => {
    expect(z.string().trim().toLowerCase().parse(typed)).toBe(normalizeEmailAddress(typed));
  });
});

describe("sameEmailAddress", () => {
  // [a, b, same mailbox?]
  const PAIRS: [string, string, boolean][] = [
    ["owner@example.com", "OWNER@example.com", true],
    [" owner@example.com", "owner@example.com ", true],
    ["owner@example.com", "owner@example.org", false],
    ["owner@example.com", "owner+x@example.com", false],
    ["o wner@example.com", "owner@example.com", false],
  ];
  it.each(PAIRS)("%j and %j: %s", (a, b, same) => {
    expect(sameEmailAddress(a, b)).toBe(same);
    expect(sameEmailAddress(b, a)).toBe(same);
  });
});
