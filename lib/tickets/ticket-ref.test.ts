import { describe, expect, it } from "vitest";
import { parseTicketRef, ticketRef } from "./ticket-ref";

// [ticket number, reference]
const FORMATS: [number, string][] = [
  [0, "RT-000000"],
  [1, "RT-000001"],
  [42, "RT-000042"],
  [123, "RT-000123"],
  [999_999, "RT-999999"],
  [1_234_567, "RT-1234567"],
];

// [typed text, ticket number or null]
const PARSES: [string, number | null][] = [
  ["RT-000042", 42],
  ["rt-000042", 42],
  ["  RT-42 ", 42],
  ["RT000042", 42],
  ["RT-1234567", 1_234_567],
  ["RT-", null],
  ["42", 42],
  [" 000042", 42],
  ["-42", null],
  ["RT-42a", null],
  ["RT--42", null],
  ["RT-4 2", null],
  ["XT-000042", null],
  ["RT-+42", null],
  ["RT-1234567890123456", null],
  ["", null],
];

describe("ticketRef", () => {
  it.each(FORMATS)("ticket %i is %s", (number, ref) => {
    expect(ticketRef(number)).toBe(ref);
  });
  it.each(FORMATS)("parses back: ticket %i from %s", (number, ref) => {
    expect(parseTicketRef(ref)).toBe(number);
  });
  it("refuses what is not a ticket number", () => {
    expect(() => ticketRef(-1)).toThrow(RangeError);
    expect(() => ticketRef(1.5)).toThrow(RangeError);
    expect(() => ticketRef(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe("parseTicketRef", () => {
  it.each(PARSES)("%j → %s", (text, number) => {
    expect(parseTicketRef(text)).toBe(number);
  });
});
