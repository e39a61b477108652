import { describe, expect, it } from "vitest";
import { decodeCursor, decodeSeqCursor, encodeCursor } from "./cursor";
import { parseEventFilters } from "./event-filters";
import { parseAnchor } from "./parse-anchor";
import { actionOptions, decisionOptions, reasonOptions, statusOptions } from "./filter-options";
import { parseTicketFilters, TICKET_FILTER_LABELS } from "./ticket-filters";

describe("ticket filters from the URL", () => {
  it("reads valid values, normalises them, keeps what was typed, and names what it ignored", () => {
    const { filters, invalid, typed, kept } = parseTicketFilters({
      from: "2026-03-01",
      to: "2026-03-31",
      status: "review",
      decision: "nope",
      reason: "clock_ahead",
      serial: " hs9nvr00 ",
      email: "Kim@Example",
      ticket: "RT-000003",
      agent: "not-a-uuid",
      after: "x",
    });
    expect(filters).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      ticket: 3,
      status: "REVIEW",
      reason: "CLOCK_AHEAD",
      serial: "HS9NVR00",
      email: "kim@example",
    });
    expect(invalid.sort()).toEqual(["agent", "decision"]);
    expect(typed).toMatchObject({ decision: "nope", agent: "not-a-uuid", serial: "hs9nvr00", ticket: "RT-000003" });
    expect(kept).toEqual({
      from: "2026-03-01",
      to: "2026-03-31",
      status: "review",
      reason: "clock_ahead",
      serial: "hs9nvr00",
      email: "Kim@Example",
      ticket: "RT-000003",
    });
    expect(invalid.map((k) => TICKET_FILTER_LABELS[k]).sort()).toEqual(["Agent", "Decision"]);
  });
  it("refuses reason codes that are not codes (no JSON or SQL smuggled into the containment query)", () => {
    expect(parseTicketFilters({ reason: 'X"}],"outcome":"pass' }).invalid).toEqual(["reason"]);
    expect(parseTicketFilters(new URLSearchParams("reason=clock ahead")).invalid).toEqual(["reason"]);
  });
  it("reads URLSearchParams too (the export routes)", () => {
    expect(parseEventFilters(new URLSearchParams("action=Review.Approved&from=2026-02-30x")).filters).toEqual({ action: "review.approved" });
  });
});

describe("a ticket as people quote it", () => {
  // [typed, ticket number (undefined: ignored and named invalid)]
  const ROWS: [string, number | undefined][] = [
    ["RT-000003", 3],
    ["rt-3", 3],
    ["RT3", 3],
    ["#42", 42],
    ["3", 3],
    [" 0000042 ", 42],
    ["0", undefined],
    ["RT-", undefined],
    ["3a", undefined],
    ["99999999999", undefined],
  ];
  it.each(ROWS)("%j → %j", (typed, number) => {
    const tickets = parseTicketFilters({ ticket: typed });
    expect(tickets.filters.ticket).toBe(number);
    const events = parseEventFilters({ ticket: typed });
    expect(events.filters.ticket).toEqual(number === undefined ? undefined : { number });
    expect(events.invalid).toEqual(number === undefined ? ["ticket"] : []);
  });
  it("the audit log also takes a ticket's id (links from the ticket page)", () => {
    const id = "0b3a1c2e-1111-4222-8333-444455556666";
    expect(parseEventFilters({ ticket: id }).filters.ticket).toEqual({ id });
  });
});

describe("the serial filter, shared by the ticket and event searches", () => {
  // [as typed in the URL, as searched (undefined: ignored and named invalid)]
  const ROWS: [string, string | undefined][] = [
    ["hs9nvr0000042", "HS9NVR0000042"],
    [" NVR8-2411-000123 ", "NVR8-2411-000123"],
    ["nvr8-24", "NVR8-24"],
    ["a".repeat(64), "A".repeat(64)],
    ["a".repeat(65), undefined],
    ["NVR%", undefined],
    ["NVR_8", undefined],
  ];
  it.each(ROWS)("%j → %j", (typed, searched) => {
    for (const parse of [parseTicketFilters, parseEventFilters]) {
      const { filters, invalid } = parse({ serial: typed });
      expect(filters.serial).toBe(searched);
      expect(invalid).toEqual(searched === undefined ? ["serial"] : []);
    }
  });
});

describe("the dropdowns' choices", () => {
  it("offer every status and decision, and only reason codes a flagged check can carry", () => {
    expect(statusOptions().map((o) => o.value)).toContain("REVIEW");
    expect(decisionOptions().find((o) => o.value === "REFUSE")?.label).toBe("Refuse");
    const reasons = reasonOptions();
    expect(reasons.find((o) => o.value === "CLOCK_AHEAD")).toEqual({ value: "CLOCK_AHEAD", label: "Clock ahead", hint: "CLOCK_AHEAD" });
    expect(reasons.map((o) => o.value)).not.toContain("TAG_VALID");
    for (const o of reasons) expect(parseTicketFilters({ reason: o.value.toLowerCase() }).filters.reason).toBe(o.value);
  });
  it("offer every known action, each accepted by the action filter", () => {
    const actions = actionOptions();
    expect(actions.find((o) => o.value === "review.approved")?.label).toMatch(/Approved/);
    for (const o of actions) expect(parseEventFilters({ action: o.value }).filters.action).toBe(o.value);
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
