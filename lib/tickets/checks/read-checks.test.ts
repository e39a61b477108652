import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/defaults";
import { evaluateChecks } from "./evaluate-checks";
import { flaggedReasonCodes, readChecks } from "./read-checks";
import type { CheckResult } from "./types";

const GOOD: CheckResult = { check: "clock", id: "CLOCK_AHEAD", outcome: "review", label: "Recorder clock", reason: "2 h ahead." };

// [what is stored, what the views read back]
const ROWS: [string, unknown, CheckResult[]][] = [
  ["a well-formed check", [GOOD], [GOOD]],
  ["not an array", { 0: GOOD }, []],
  ["null", null, []],
  ["an entry that is not an object", ["CLOCK_AHEAD", 3, null], []],
  ["an unknown check name", [{ ...GOOD, check: "weather" }], []],
  ["no check name", [{ id: "CLOCK_AHEAD", outcome: "review", label: "x", reason: "y" }], []],
  ["an unknown reason code", [{ ...GOOD, id: "CLOCK_WEIRD" }], []],
  ["an unknown outcome", [{ ...GOOD, outcome: "maybe" }], []],
  ["a missing label falls back to the reason code", [{ ...GOOD, label: undefined }], [{ ...GOOD, label: "CLOCK_AHEAD" }]],
  ["a missing reason becomes empty", [{ ...GOOD, reason: 7 }], [{ ...GOOD, reason: "" }]],
  ["extra keys are dropped", [{ ...GOOD, code: "12345678" }], [GOOD]],
  ["good entries survive bad neighbours", [{ ...GOOD, outcome: "?" }, GOOD], [GOOD]],
];

describe("readChecks", () => {
  it.each(ROWS)("%s", (_name, stored, read) => {
    expect(readChecks(stored)).toEqual(read);
  });

  it("reads back exactly what the workflow stores", () => {
    const facts = {
      verification: "ok",
      device: { status: "ACTIVE", owner: { emailMatchesChallenge: true } },
      requesterIsOwner: false,
      challengeFirstSeenAt: new Date("2026-11-22T11:50:00Z"),
      recorderTime: new Date("2026-11-22T11:48:00Z"),
      ticketsWithSameChallenge: 0,
      velocity: { deviceIssues30d: 0, requesterIssues24h: 0, agentIssues1h: 0 },
    } as const;
    const { checks } = evaluateChecks({ facts, limits: DEFAULT_SETTINGS, now: new Date("2026-11-22T12:00:00Z") });
    expect(readChecks(JSON.parse(JSON.stringify(checks)))).toEqual(checks);
  });
});

describe("flaggedReasonCodes", () => {
  it("lists the reason codes of checks that did not pass, in order", () => {
    const stored = [
      { ...GOOD, check: "challenge", id: "TAG_VALID", outcome: "pass" },
      GOOD,
      { ...GOOD, check: "device", id: "DEVICE_STOLEN", outcome: "refuse" },
      { ...GOOD, id: "NOT_A_CODE" },
    ];
    expect(flaggedReasonCodes(stored)).toEqual(["CLOCK_AHEAD", "DEVICE_STOLEN"]);
  });
});
