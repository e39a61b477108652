import { describe, expect, it } from "vitest";
import { decodeCursor, decodeSeqCursor, encodeCursor } from "./cursor";
import { parseEventFilters } from "./event-filters";
import { parseAnchor } from "./parse-anchor";
import { parseTicketFilters } from "./ticket-filters";

describe("ticket filters from the URL", () => {
  it("reads valid values, normalises serial and email, and names what it ignored", () => {
    const { filters, invalid } = parseTicketFilters({
      from: "2026-03-01",
      to: "2026-03-31",
      status: "REVIEW",
      decision: "nope",
      reason: "CLOCK_AHEAD",
      serial: " hs9nvr0000042 ",
      email: "Kim@Example.COM",
      agent: "not-a-uuid",
      after: "x",
    });
    expect(filters).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      status: "REVIEW",
      reason: "CLOCK_AHEAD",
      serial: "HS9NVR0000042",
      email: "kim@example.com",
    });
    expect(invalid.sort()).toEqual(["agent", "decision"]);
  });
  it("refuses reason codes that are not codes (no JSON or SQL smuggled into the containment query)", () => {
    expect(parseTicketFilters({ reason: 'X"}],"outcome":"pass' }).invalid).toEqual(["reason"]);
    expect(parseTicketFilters(new URLSearchParams("reason=clock_ahead")).invalid).toEqual(["reason"]);
  });
  it("reads URLSearchParams too (the export routes)", () => {
    expect(parseEventFilters(new URLSearchParams("action=review.approved&from=2026-02-30x")).filters).toEqual({ action: "review.approved" });
  });
});

describe("the serial filter, shared by the ticket and event searches", () => {
  // [as typed in the URL, as searched (undefined: ignored and named invalid)]
  const ROWS: [string, string | undefined][] = [
    ["hs9nvr0000042", "HS9NVR0000042"],
    [" NVR8-2411-000123 ", "NVR8-2411-000123"],
    ["a".repeat(64), "A".repeat(64)],
    ["a".repeat(65), undefined],
  ];
  it.each(ROWS)("%j → %j", (typed, searched) => {
    for (const parse of [parseTicketFilters, parseEventFilters]) {
      const { filters, invalid } = parse({ serial: typed });
      expect(filters.serial).toBe(searched);
      expect(invalid).toEqual(searched === undefined ? ["serial"] : []);
    }
  });
});

describe("cursors and anchors", () => {
  it("round-trips a (createdAt, id) cursor and rejects anything else", () => {
    const c = { at: new Date("2026-03-10T12:00:00.123Z"), id: "0b3a1c2e-1111-4222-8333-444455556666" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("garbage")).toBeUndefined();
    expect(decodeCursor(Buffer.from("2026-01-01|x'; DROP TABLE").toString("base64url"))).toBeUndefined();
    expect(decodeSeqCursor("42")).toBe(42n);
    expect(decodeSeqCursor("-1")).toBeUndefined();
  });
  it("parses seq:hash anchors strictly", () => {
    const hash = "a".repeat(64);
    expect(parseAnchor(`0012:${hash}`)).toEqual({ seq: "12", hash });
    expect(parseAnchor(`12:${hash.toUpperCase()}`)).toBeUndefined();
    expect(parseAnchor("12")).toBeUndefined();
  });
});
