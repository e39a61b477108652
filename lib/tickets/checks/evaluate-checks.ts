import { formatSpan, HOUR_MS, MINUTE_MS } from "@/lib/time";
import type { CheckLimits, CheckResult, Evaluation, TicketFacts } from "./types";

function result(check: CheckResult["check"], id: CheckResult["id"], outcome: CheckResult["outcome"], label: string, reason: string): CheckResult {
  return { check, id, outcome, label, reason };
}

function challengeCheck(facts: TicketFacts): CheckResult {
  const label = "QR code is genuine";
  if (facts.verification === "unknown-key-version") {
    return result(
      "challenge",
      "KEY_VERSION_UNKNOWN",
      "refuse",
      label,
      "The QR names a key version this console has no key for: not one of our recorders, or a forged code.",
    );
  }
  if (facts.verification === "bad-tag") {
    return result(
      "challenge",
      "TAG_INVALID",
      "refuse",
      label,
      "The QR's signature does not match: it was forged, altered or mistyped. Ask for a new photo of the screen.",
    );
  }
  return result("challenge", "TAG_VALID", "pass", label, "Signed by the recorder's own key.");
}

function deviceCheck(facts: TicketFacts): CheckResult {
  const label = "Recorder is registered and active";
  if (!facts.device) return result("device", "DEVICE_NOT_REGISTERED", "refuse", label, "This serial number is not in the device registry.");
  if (facts.device.status === "STOLEN")
    return result(
      "device",
      "DEVICE_STOLEN",
      "refuse",
      label,
      "This recorder is reported stolen (internal: never tell the requester). Do not help; escalate to a supervisor.",
    );
  if (facts.device.status === "BLOCKED") return result("device", "DEVICE_BLOCKED", "refuse", label, "This recorder is blocked in the registry.");
  return result("device", "DEVICE_ACTIVE", "pass", label, "Registered and active.");
}

function ownerCheck(facts: TicketFacts): CheckResult {
  const label = "Owner of record matches the recorder";
  if (!facts.device) return result("owner", "NO_OWNER", "refuse", label, "No registered recorder, so no owner of record to send a code to.");
  if (!facts.device.owner) return result("owner", "NO_OWNER", "refuse", label, "The recorder has no owner of record, so there is nobody to send the code to.");
  if (!facts.device.owner.emailMatchesChallenge) {
    return result(
      "owner",
      "EMAIL_MISMATCH",
      "review",
      label,
      "The recorder's reserved email is not the owner of record's email. A supervisor must decide where the code may go.",
    );
  }
  return result("owner", "OWNER_EMAIL_MATCHES", "pass", label, "The recorder's reserved email is the owner of record's: the code goes there.");
}

function requesterCheck(facts: TicketFacts): CheckResult {
  const label = "Requester is the owner";
  if (facts.requesterIsOwner === false) {
    return result(
      "requester",
      "REQUESTER_EMAIL_DIFFERS",
      "review",
      label,
      "The customer wrote from an address that is not the owner of record's. The code still goes only to the owner.",
    );
  }
  if (facts.requesterIsOwner === null)
    return result("requester", "REQUESTER_EMAIL_DIFFERS", "review", label, "No owner of record to compare the customer's address with.");
  return result("requester", "REQUESTER_IS_OWNER", "pass", label, "The customer's address is the owner of record's.");
}

function freshnessCheck(facts: TicketFacts, limits: CheckLimits, now: Date): CheckResult {
  const label = "QR code is recent";
  const age = now.getTime() - facts.challengeFirstSeenAt.getTime();
  if (age >= limits.challengeLifetimeHours * HOUR_MS) {
    return result(
      "freshness",
      "CHALLENGE_EXPIRED",
      "refuse",
      label,
      `First seen more than ${limits.challengeLifetimeHours} hours ago. Ask the customer to open Forgot Password again and send the new QR.`,
    );
  }
  return result("freshness", "CHALLENGE_FRESH", "pass", label, `First seen ${Math.max(0, Math.round(age / MINUTE_MS))} min ago.`);
}

function clockCheck(facts: TicketFacts, limits: CheckLimits, now: Date): CheckResult {
  const label = "Recorder clock is plausible";
  const skew = facts.recorderTime.getTime() - now.getTime();
  if (skew > limits.clockAheadToleranceMinutes * MINUTE_MS) {
    return result(
      "clock",
      "CLOCK_AHEAD",
      "review",
      label,
      `The recorder's clock is ${formatSpan(skew)} ahead of ours: the code may expire early or the QR may be staged.`,
    );
  }
  if (-skew > limits.clockBehindToleranceHours * HOUR_MS) {
    return result(
      "clock",
      "CLOCK_BEHIND",
      "review",
      label,
      `The recorder's clock is ${formatSpan(-skew)} behind ours: an old QR, or a recorder with a wrong clock (the code may be refused).`,
    );
  }
  return result(
    "clock",
    "CLOCK_OK",
    "pass",
    label,
    skew === 0 ? "In step with ours." : `Within tolerance (${formatSpan(Math.abs(skew))} ${skew > 0 ? "ahead" : "behind"}).`,
  );
}

function duplicateCheck(facts: TicketFacts): CheckResult {
  const label = "QR code not used on another ticket";
  if (facts.ticketsWithSameChallenge > 0) {
    return result(
      "duplicate",
      "CHALLENGE_REUSED",
      "review",
      label,
      `The same QR is on ${facts.ticketsWithSameChallenge} other ticket(s): one request, several contacts?`,
    );
  }
  return result("duplicate", "CHALLENGE_UNIQUE", "pass", label, "First ticket for this QR.");
}

function velocityCheck(facts: TicketFacts, limits: CheckLimits): CheckResult {
  const label = "Usual volume";
  const v = facts.velocity;
  if (v.deviceIssues30d >= limits.maxIssuesPerDevice30d) {
    return result(
      "velocity",
      "VELOCITY_DEVICE",
      "review",
      label,
      `${v.deviceIssues30d} codes were already issued for this recorder in 30 days (limit ${limits.maxIssuesPerDevice30d}).`,
    );
  }
  if (v.requesterIssues24h >= limits.maxIssuesPerRequesterPerDay) {
    return result(
      "velocity",
      "VELOCITY_REQUESTER",
      "review",
      label,
      `This customer address got ${v.requesterIssues24h} codes in 24 hours (limit ${limits.maxIssuesPerRequesterPerDay}).`,
    );
  }
  if (v.agentIssues1h >= limits.maxIssuesPerAgentPerHour) {
    return result(
      "velocity",
      "VELOCITY_AGENT",
      "review",
      label,
      `You issued ${v.agentIssues1h} codes in the last hour (limit ${limits.maxIssuesPerAgentPerHour}).`,
    );
  }
  return result("velocity", "VELOCITY_OK", "pass", label, "Within the usual limits.");
}

/**
 * The decision rules: every check runs (all reasons are kept), any refusal refuses, otherwise
 * any doubt goes to a supervisor, otherwise the code may be issued. A challenge whose signature
 * fails is judged on that alone: its other fields cannot be trusted.
 */
export function evaluateChecks(options: { facts: TicketFacts; limits: CheckLimits; now: Date }): Evaluation {
  const { facts, limits, now } = options;
  const first = challengeCheck(facts);
  const checks =
    first.outcome === "refuse"
      ? [first]
      : [
          first,
          deviceCheck(facts),
          ownerCheck(facts),
          requesterCheck(facts),
          freshnessCheck(facts, limits, now),
          clockCheck(facts, limits, now),
          duplicateCheck(facts),
          velocityCheck(facts, limits),
        ];
  const decision = checks.some((c) => c.outcome === "refuse") ? "REFUSE" : checks.some((c) => c.outcome === "review") ? "REVIEW" : "ISSUE";
  return { decision, checks };
}
