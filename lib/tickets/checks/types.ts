import type { Decision, DeviceStatus } from "@/lib/generated/prisma/enums";

export const CHECK_OUTCOMES = ["pass", "review", "refuse"] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/**
 * One check as shown to agents and supervisors, kept on the ticket (Ticket.checks) and read back
 * by the review and audit views (`readChecks`): `id` is the stable reason code.
 */
export type CheckResult = {
  check: CheckName;
  id: ReasonCode;
  outcome: CheckOutcome;
  label: string;
  reason: string;
};

export const CHECK_NAMES = ["challenge", "device", "owner", "requester", "freshness", "clock", "duplicate", "velocity"] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export const REASON_CODES = [
  "TAG_VALID",
  "TAG_INVALID",
  "KEY_VERSION_UNKNOWN",
  "DEVICE_ACTIVE",
  "DEVICE_NOT_REGISTERED",
  "DEVICE_BLOCKED",
  "DEVICE_STOLEN",
  "OWNER_EMAIL_MATCHES",
  "NO_OWNER",
  "EMAIL_MISMATCH",
  "REQUESTER_IS_OWNER",
  "REQUESTER_EMAIL_DIFFERS",
  "CHALLENGE_FRESH",
  "CHALLENGE_EXPIRED",
  "CLOCK_OK",
  "CLOCK_AHEAD",
  "CLOCK_BEHIND",
  "CHALLENGE_UNIQUE",
  "CHALLENGE_REUSED",
  "VELOCITY_OK",
  "VELOCITY_DEVICE",
  "VELOCITY_REQUESTER",
  "VELOCITY_AGENT",
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** What the server looked up about a ticket's challenge; the rules are pure functions of it. */
export type TicketFacts = {
  verification: "ok" | "bad-tag" | "unknown-key-version";
  device: null | { status: DeviceStatus; owner: null | { emailMatchesChallenge: boolean } };
  requesterIsOwner: boolean | null;
  challengeFirstSeenAt: Date;
  recorderTime: Date;
  ticketsWithSameChallenge: number;
  velocity: { deviceIssues30d: number; requesterIssues24h: number; agentIssues1h: number };
};

export type CheckLimits = {
  challengeLifetimeHours: number;
  clockAheadToleranceMinutes: number;
  clockBehindToleranceHours: number;
  maxIssuesPerDevice30d: number;
  maxIssuesPerRequesterPerDay: number;
  maxIssuesPerAgentPerHour: number;
};

export type Evaluation = { decision: Decision; checks: CheckResult[] };
