import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/defaults";
import { evaluateChecks } from "./evaluate-checks";
import { REASON_CODES, type ReasonCode, type TicketFacts } from "./types";

const NOW = new Date("2026-11-22T12:00:00Z");
const HOUR = 3_600_000;

const GOOD: TicketFacts = {
  verification: "ok",
  device: { status: "ACTIVE", owner: { emailMatchesChallenge: true } },
  requesterIsOwner: true,
  challengeFirstSeenAt: new Date(NOW.getTime() - 10 * 60_000),
  recorderTime: new Date(NOW.getTime() - 12 * 60_000),
  ticketsWithSameChallenge: 0,
  velocity: { deviceIssues30d: 0, requesterIssues24h: 0, agentIssues1h: 0 },
};

type Row = { name: string; facts: Partial<TicketFacts>; expect: ReasonCode; outcome: "pass" | "review" | "refuse"; decision: "ISSUE" | "REVIEW" | "REFUSE" };

const ROWS: Row[] = [
  { name: "all good", facts: {}, expect: "TAG_VALID", outcome: "pass", decision: "ISSUE" },
  { name: "forged or mistyped", facts: { verification: "bad-tag" }, expect: "TAG_INVALID", outcome: "refuse", decision: "REFUSE" },
  { name: "unknown key version", facts: { verification: "unknown-key-version" }, expect: "KEY_VERSION_UNKNOWN", outcome: "refuse", decision: "REFUSE" },
  { name: "registered", facts: {}, expect: "DEVICE_ACTIVE", outcome: "pass", decision: "ISSUE" },
  { name: "not registered", facts: { device: null, requesterIsOwner: null }, expect: "DEVICE_NOT_REGISTERED", outcome: "refuse", decision: "REFUSE" },
  {
    name: "blocked",
    facts: { device: { status: "BLOCKED", owner: { emailMatchesChallenge: true } } },
    expect: "DEVICE_BLOCKED",
    outcome: "refuse",
    decision: "REFUSE",
  },
  {
    name: "stolen",
    facts: { device: { status: "STOLEN", owner: { emailMatchesChallenge: true } } },
    expect: "DEVICE_STOLEN",
    outcome: "refuse",
    decision: "REFUSE",
  },
  { name: "owner matches", facts: {}, expect: "OWNER_EMAIL_MATCHES", outcome: "pass", decision: "ISSUE" },
  { name: "no owner", facts: { device: { status: "ACTIVE", owner: null }, requesterIsOwner: null }, expect: "NO_OWNER", outcome: "refuse", decision: "REFUSE" },
  {
    name: "reserved email is not the owner's",
    facts: { device: { status: "ACTIVE", owner: { emailMatchesChallenge: false } } },
    expect: "EMAIL_MISMATCH",
    outcome: "review",
    decision: "REVIEW",
  },
  { name: "requester is owner", facts: {}, expect: "REQUESTER_IS_OWNER", outcome: "pass", decision: "ISSUE" },
  {
    name: "requester writes from another address",
    facts: { requesterIsOwner: false },
    expect: "REQUESTER_EMAIL_DIFFERS",
    outcome: "review",
    decision: "REVIEW",
  },
  { name: "fresh", facts: {}, expect: "CHALLENGE_FRESH", outcome: "pass", decision: "ISSUE" },
  {
    name: "first seen 24 h ago",
    facts: { challengeFirstSeenAt: new Date(NOW.getTime() - 24 * HOUR) },
    expect: "CHALLENGE_EXPIRED",
    outcome: "refuse",
    decision: "REFUSE",
  },
  { name: "clock fine", facts: {}, expect: "CLOCK_OK", outcome: "pass", decision: "ISSUE" },
  {
    name: "recorder 16 min ahead",
    facts: { recorderTime: new Date(NOW.getTime() + 16 * 60_000) },
    expect: "CLOCK_AHEAD",
    outcome: "review",
    decision: "REVIEW",
  },
  { name: "recorder 25 h behind", facts: { recorderTime: new Date(NOW.getTime() - 25 * HOUR) }, expect: "CLOCK_BEHIND", outcome: "review", decision: "REVIEW" },
  { name: "unique", facts: {}, expect: "CHALLENGE_UNIQUE", outcome: "pass", decision: "ISSUE" },
  { name: "same QR on another ticket", facts: { ticketsWithSameChallenge: 1 }, expect: "CHALLENGE_REUSED", outcome: "review", decision: "REVIEW" },
  { name: "normal volume", facts: {}, expect: "VELOCITY_OK", outcome: "pass", decision: "ISSUE" },
  {
    name: "device reset often",
    facts: { velocity: { deviceIssues30d: 3, requesterIssues24h: 0, agentIssues1h: 0 } },
    expect: "VELOCITY_DEVICE",
    outcome: "review",
    decision: "REVIEW",
  },
  {
    name: "requester asks often",
    facts: { velocity: { deviceIssues30d: 0, requesterIssues24h: 2, agentIssues1h: 0 } },
    expect: "VELOCITY_REQUESTER",
    outcome: "review",
    decision: "REVIEW",
  },
  {
    name: "agent issues a lot",
    facts: { velocity: { deviceIssues30d: 0, requesterIssues24h: 0, agentIssues1h: 20 } },
    expect: "VELOCITY_AGENT",
    outcome: "review",
    decision: "REVIEW",
  },
];

describe("evaluateChecks", () => {
  it.each(ROWS)("$name → $expect ($outcome, decision $decision)", (row) => {
    const { decision, checks } = evaluateChecks({ facts: { ...GOOD, ...row.facts }, limits: DEFAULT_SETTINGS, now: NOW });
    const hit = checks.find((c) => c.id === row.expect);
    expect(hit?.outcome).toBe(row.outcome);
    expect(hit?.reason.length).toBeGreaterThan(10);
    expect(decision).toBe(row.decision);
  });

  it("the table covers every reason code", () => {
    expect(new Set(ROWS.map((r) => r.expect))).toEqual(new Set(REASON_CODES));
  });

  it("keeps every reason: a stolen device with a mismatched requester reports both", () => {
    const { decision, checks } = evaluateChecks({
      facts: { ...GOOD, device: { status: "STOLEN", owner: { emailMatchesChallenge: true } }, requesterIsOwner: false },
      limits: DEFAULT_SETTINGS,
      now: NOW,
    });
    expect(decision).toBe("REFUSE");
    expect(checks.filter((c) => c.outcome !== "pass").map((c) => c.id)).toEqual(["DEVICE_STOLEN", "REQUESTER_EMAIL_DIFFERS"]);
  });

  it("a forged challenge is judged on its signature alone", () => {
    const { checks } = evaluateChecks({ facts: { ...GOOD, verification: "bad-tag" }, limits: DEFAULT_SETTINGS, now: NOW });
    expect(checks.map((c) => c.id)).toEqual(["TAG_INVALID"]);
  });

  it("limits are configurable: the boundary sits exactly at the setting", () => {
    const limits = { ...DEFAULT_SETTINGS, clockAheadToleranceMinutes: 5, challengeLifetimeHours: 2 };
    const ahead = (m: number) =>
      evaluateChecks({ facts: { ...GOOD, recorderTime: new Date(NOW.getTime() + m * 60_000) }, limits, now: NOW }).checks.find((c) => c.check === "clock")!.id;
    expect(ahead(5)).toBe("CLOCK_OK");
    expect(ahead(6)).toBe("CLOCK_AHEAD");
    const seen = (h: number) =>
      evaluateChecks({ facts: { ...GOOD, challengeFirstSeenAt: new Date(NOW.getTime() - h * HOUR) }, limits, now: NOW }).checks.find(
        (c) => c.check === "freshness",
      )!.id;
    expect(seen(1.99)).toBe("CHALLENGE_FRESH");
    expect(seen(2)).toBe("CHALLENGE_EXPIRED");
  });
});
