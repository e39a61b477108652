import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  describeTimeLeft,
  formatDuration,
  formatMinutesSeconds,
  formatSpan,
  formatUtc,
  formatUtcLong,
  HOUR_MS,
  MINUTE_MS,
  SECOND_MS,
  utcDay,
} from "./time";

const AT = new Date(Date.UTC(2026, 2, 10, 9, 5, 7, 900));

describe("formatUtc", () => {
  // [value, options, text]
  const ROWS: [Parameters<typeof formatUtc>[0], Parameters<typeof formatUtc>[1], string][] = [
    [AT, undefined, "2026-03-10 09:05 UTC"],
    [AT, { seconds: true }, "2026-03-10 09:05:07 UTC"],
    [AT, { seconds: true, zone: false }, "2026-03-10 09:05:07"],
    [AT.toISOString(), undefined, "2026-03-10 09:05 UTC"],
    [AT.getTime(), { seconds: true }, "2026-03-10 09:05:07 UTC"],
    ["2026-03-10T23:59:59+02:00", undefined, "2026-03-10 21:59 UTC"],
    [new Date(Date.UTC(1999, 11, 31, 23, 59, 59)), { seconds: true }, "1999-12-31 23:59:59 UTC"],
    [null, undefined, "—"],
    [undefined, { seconds: true }, "—"],
    ["", undefined, "—"],
    ["not a date", undefined, "—"],
    [Number.NaN, { zone: false }, "—"],
  ];
  it.each(ROWS)("%j %j → %j", (value, options, text) => {
    expect(formatUtc(value, options)).toBe(text);
  });
});

describe("formatUtcLong", () => {
  const ROWS: [Date, string][] = [
    [AT, "Tuesday 10 March 2026, 09:05 UTC"],
    [new Date("2026-03-14T23:30:00-02:00"), "Sunday 15 March 2026, 01:30 UTC"],
    [new Date(Date.UTC(2027, 0, 1, 0, 0)), "Friday 1 January 2027, 00:00 UTC"],
  ];
  it.each(ROWS)("%s → %j", (date, text) => {
    expect(formatUtcLong(date)).toBe(text);
  });
});

describe("utcDay", () => {
  it("is the UTC day, whatever the offset it was written with", () => {
    expect(utcDay(AT)).toBe("2026-03-10");
    expect(utcDay("2026-03-10T23:30:00-02:00")).toBe("2026-03-11");
    expect(utcDay(Date.UTC(2026, 1, 28) + DAY_MS)).toBe("2026-03-01");
    expect(() => utcDay("nope")).toThrow(RangeError);
  });
});

describe("formatDuration", () => {
  // [ms, options, text]
  const ROWS: [number | null, Parameters<typeof formatDuration>[1], string][] = [
    [null, undefined, "—"],
    [0, undefined, "0 s"],
    [42 * SECOND_MS, undefined, "42 s"],
    [42.6 * SECOND_MS, undefined, "43 s"],
    [59.6 * SECOND_MS, undefined, "1 min"],
    [303 * SECOND_MS, undefined, "5 min 3 s"],
    [65 * MINUTE_MS, undefined, "1 h 5 min"],
    [HOUR_MS + 59 * SECOND_MS, undefined, "1 h"],
    [HOUR_MS + 60 * SECOND_MS, undefined, "1 h 1 min"],
    [25 * HOUR_MS, undefined, "25 h"],
    [-3.5 * HOUR_MS, undefined, "3 h 30 min"],
    // whole minutes, nearest: the simulator's clock offset
    [0, { smallest: "min" }, "0 min"],
    [25 * HOUR_MS, { smallest: "min" }, "25 h"],
    [-(3 * HOUR_MS + 30 * MINUTE_MS), { smallest: "min" }, "3 h 30 min"],
    [29 * SECOND_MS, { smallest: "min" }, "0 min"],
    [30 * SECOND_MS, { smallest: "min" }, "1 min"],
    // whole minutes, down: the ticket countdown never shows more time than is left
    [59 * SECOND_MS, { smallest: "min", round: "down" }, "0 min"],
    [5 * MINUTE_MS + 59 * SECOND_MS, { smallest: "min", round: "down" }, "5 min"],
    [2 * HOUR_MS + 5 * MINUTE_MS + 59 * SECOND_MS, { smallest: "min", round: "down" }, "2 h 5 min"],
    [2 * HOUR_MS + 59 * SECOND_MS, { smallest: "min", round: "down" }, "2 h"],
  ];
  it.each(ROWS)("%s ms %j → %j", (ms, options, text) => {
    expect(formatDuration(ms, options)).toBe(text);
  });
});

describe("formatSpan", () => {
  // [ms, text]
  const ROWS: [number, string][] = [
    [0, "0 min"],
    [29 * SECOND_MS, "0 min"],
    [12 * MINUTE_MS, "12 min"],
    [-12 * MINUTE_MS, "12 min"],
    [119 * MINUTE_MS, "119 min"],
    [120 * MINUTE_MS, "2 h"],
    [150 * MINUTE_MS, "3 h"],
    [71 * HOUR_MS, "71 h"],
    [71.5 * HOUR_MS, "3 days"],
    [72 * HOUR_MS, "3 days"],
    [-10 * DAY_MS, "10 days"],
  ];
  it.each(ROWS)("%s ms → %j", (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe("formatMinutesSeconds", () => {
  // [ms, text]
  const ROWS: [number, string][] = [
    [0, "0:00"],
    [-500, "0:00"],
    [1, "0:01"],
    [1_000, "0:01"],
    [1_001, "0:02"],
    [59_500, "1:00"],
    [5 * MINUTE_MS, "5:00"],
    [5 * MINUTE_MS - 1, "5:00"],
    [4 * MINUTE_MS + 59 * SECOND_MS, "4:59"],
    [61 * MINUTE_MS, "61:00"],
  ];
  it.each(ROWS)("%s ms → %j", (ms, text) => {
    expect(formatMinutesSeconds(ms)).toBe(text);
  });
});

describe("describeTimeLeft", () => {
  const NOW = new Date(Date.UTC(2026, 2, 10, 12));
  // [ms left, text]
  const ROWS: [number, string | null][] = [
    [-1, null],
    [0, null],
    [1, "less than an hour from now"],
    [HOUR_MS - 1, "less than an hour from now"],
    [HOUR_MS, "about 1 hour from now"],
    [1.49 * HOUR_MS, "about 1 hour from now"],
    [1.5 * HOUR_MS, "about 2 hours from now"],
    [23 * HOUR_MS + 10 * MINUTE_MS, "about 23 hours from now"],
  ];
  it.each(ROWS)("%s ms left → %j", (left, text) => {
    expect(describeTimeLeft(new Date(NOW.getTime() + left), NOW)).toBe(text);
  });
});
