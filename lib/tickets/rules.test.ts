import { describe, expect, it } from "vitest";
import { canActOnTicket, canSendCode, canViewTicket, type SendContext, type SendFacts, type SendStage } from "./rules";
import { nextResendAt } from "./resend-code";

const NOW = new Date("2026-06-01T12:00:00Z");
const LATER = new Date("2026-06-01T20:00:00Z");
const EARLIER = new Date("2026-06-01T11:00:00Z");
const AGENT = "00000000-0000-4000-8000-00000000000a";
const SUPERVISOR = "00000000-0000-4000-8000-00000000000b";
const ADMIN = "00000000-0000-4000-8000-00000000000c";

const ready: SendFacts = {
  status: "READY",
  expiresAt: LATER,
  challenge: { keyVersion: 1 },
  device: { status: "ACTIVE", hasOwner: true },
  approverId: null,
  approverGranterIds: [],
  issued: false,
};
const sent: SendFacts = { ...ready, status: "SENT", issued: true };
const context = (stage: SendStage, actorId: string | null = AGENT): SendContext => ({ stage, actorId, keyVersions: [1, 2], now: NOW });

describe("canSendCode", () => {
  // Each row breaks one rule; removing that rule from the predicate makes its row fail.
  const refusals: [string, SendFacts, SendContext, string][] = [
    ["issue: already sent", sent, context("issue"), "ALREADY_SENT"],
    ["issue: waiting for review", { ...ready, status: "REVIEW" }, context("issue"), "IN_REVIEW"],
    ["issue: refused decision", { ...ready, status: "REFUSED" }, context("issue"), "NOT_ALLOWED_BY_DECISION"],
    ["issue: resolved ticket", { ...ready, status: "RESOLVED" }, context("issue"), "RESOLVED"],
    ["issue: expired ticket", { ...ready, status: "EXPIRED" }, context("issue"), "EXPIRED"],
    ["resend: resolved ticket", { ...sent, status: "RESOLVED" }, context("resend"), "RESOLVED"],
    ["resend: expired ticket", { ...sent, status: "EXPIRED" }, context("resend"), "EXPIRED"],
    ["issue: approved without an approval", { ...ready, status: "APPROVED" }, context("issue"), "NOT_ALLOWED_BY_DECISION"],
    ["issue: the approver sends", { ...ready, status: "APPROVED", approverId: SUPERVISOR }, context("issue", SUPERVISOR), "SELF_APPROVED"],
    ["resend: the approver resends", { ...sent, approverId: SUPERVISOR }, context("resend", SUPERVISOR), "SELF_APPROVED"],
    ["requeue: the approver requeues", { ...sent, approverId: SUPERVISOR }, context("requeue", SUPERVISOR), "SELF_APPROVED"],
    [
      "issue: the admin who granted the approver's role sends",
      { ...ready, status: "APPROVED", approverId: SUPERVISOR, approverGranterIds: [ADMIN] },
      context("issue", ADMIN),
      "GRANTER_SENDS",
    ],
    [
      "resend: the admin who granted the approver's role resends",
      { ...sent, approverId: SUPERVISOR, approverGranterIds: [ADMIN] },
      context("resend", ADMIN),
      "GRANTER_SENDS",
    ],
    ["resend: nothing sent yet", ready, context("resend"), "NOT_SENT_YET"],
    ["resend: SENT without a first issue", { ...sent, issued: false }, context("resend"), "NOT_SENT_YET"],
    ["requeue: ticket resolved", { ...sent, status: "RESOLVED" }, context("requeue"), "RESOLVED"],
    ["deliver: ticket no longer SENT", { ...sent, status: "REFUSED" }, context("deliver", null), "NOT_ALLOWED_BY_DECISION"],
    ["issue: no challenge", { ...ready, challenge: null }, context("issue"), "NO_CHALLENGE"],
    ["issue: expired", { ...ready, expiresAt: EARLIER }, context("issue"), "EXPIRED"],
    ["issue: expiry unknown", { ...ready, expiresAt: null }, context("issue"), "EXPIRED"],
    ["resend: expired", { ...sent, expiresAt: EARLIER }, context("resend"), "EXPIRED"],
    ["requeue: expired", { ...sent, expiresAt: EARLIER }, context("requeue"), "EXPIRED"],
    ["issue: recorder stolen", { ...ready, device: { status: "STOLEN", hasOwner: true } }, context("issue"), "RECORDER_NOT_ACTIVE"],
    ["issue: recorder blocked", { ...ready, device: { status: "BLOCKED", hasOwner: true } }, context("issue"), "RECORDER_NOT_ACTIVE"],
    ["resend: recorder stolen since", { ...sent, device: { status: "STOLEN", hasOwner: true } }, context("resend"), "RECORDER_NOT_ACTIVE"],
    ["deliver: recorder stolen since", { ...sent, device: { status: "STOLEN", hasOwner: true } }, context("deliver", null), "RECORDER_NOT_ACTIVE"],
    ["issue: recorder not registered", { ...ready, device: null }, context("issue"), "RECORDER_NOT_ACTIVE"],
    ["issue: no owner of record", { ...ready, device: { status: "ACTIVE", hasOwner: false } }, context("issue"), "NO_OWNER"],
    ["issue: key version not configured", { ...ready, challenge: { keyVersion: 7 } }, context("issue"), "UNKNOWN_KEY_VERSION"],
    ["deliver: key version retired", { ...sent, challenge: { keyVersion: 7 } }, context("deliver", null), "UNKNOWN_KEY_VERSION"],
    // The sender's own hour counts, whoever opened the ticket (an emailed request is opened by the system).
    ["issue: the sender's hourly limit reached", ready, { ...context("issue"), senderVelocity: { issuesLastHour: 20, limit: 20 } }, "VELOCITY_AGENT"],
  ];
  it.each(refusals)("refuses %s", (_name, facts, ctx, refusal) => {
    const verdict = canSendCode(facts, ctx);
    expect(verdict).toMatchObject({ ok: false, refusal });
    if (!verdict.ok) expect(verdict.message.length).toBeGreaterThan(10);
  });

  const allowed: [string, SendFacts, SendContext][] = [
    ["issue: ready", ready, context("issue")],
    ["issue: the sender under the hourly limit", ready, { ...context("issue"), senderVelocity: { issuesLastHour: 19, limit: 20 } }],
    ["resend: the hourly limit counts first codes only", sent, { ...context("resend"), senderVelocity: { issuesLastHour: 20, limit: 20 } }],
    ["issue: approved, sent by the agent", { ...ready, status: "APPROVED", approverId: SUPERVISOR }, context("issue", AGENT)],
    ["resend: sent", sent, context("resend")],
    ["resend: approved exception, resent by the agent", { ...sent, approverId: SUPERVISOR }, context("resend", AGENT)],
    ["requeue: by another supervisor", sent, context("requeue", SUPERVISOR)],
    // An email queued while the QR was valid is delivered even if a retry runs past its lifetime.
    ["deliver: past the challenge's lifetime", { ...sent, expiresAt: EARLIER }, context("deliver", null)],
    ["deliver: an approved exception (the worker is nobody's second pair of eyes)", { ...sent, approverId: SUPERVISOR }, context("deliver", null)],
  ];
  it.each(allowed)("allows %s", (_name, facts, ctx) => {
    expect(canSendCode(facts, ctx)).toEqual({ ok: true });
  });

  it("names the recorder's state without code words", () => {
    const verdict = canSendCode({ ...ready, device: { status: "STOLEN", hasOwner: true } }, context("issue"));
    expect(verdict).toMatchObject({ ok: false, message: "The recorder is reported stolen: no code may be sent to it." });
  });
});

describe("who may see and act on a ticket", () => {
  const OTHER = "00000000-0000-4000-8000-00000000000c";
  const agent = { id: AGENT, role: "AGENT" as const };
  const rows: [string, { createdById: string; assigneeId: string | null }, boolean, boolean][] = [
    // [case, ticket, agent may view, agent may act]
    ["opened by the agent", { createdById: AGENT, assigneeId: null }, true, true],
    ["assigned to the agent", { createdById: OTHER, assigneeId: AGENT }, true, true],
    ["unassigned, opened by another", { createdById: OTHER, assigneeId: null }, true, false],
    ["another agent's, assigned to them", { createdById: OTHER, assigneeId: OTHER }, false, false],
    ["opened by the agent, assigned to another", { createdById: AGENT, assigneeId: OTHER }, true, true],
  ];
  it.each(rows)("agent, %s", (_name, ticket, view, act) => {
    expect(canViewTicket(ticket, agent)).toBe(view);
    expect(canActOnTicket(ticket, agent)).toBe(act);
  });
  it.each(["SUPERVISOR", "ADMIN"] as const)("%s sees and acts on every ticket", (role) => {
    for (const [, ticket] of rows) {
      expect(canViewTicket(ticket, { id: SUPERVISOR, role })).toBe(true);
      expect(canActOnTicket(ticket, { id: SUPERVISOR, role })).toBe(true);
    }
  });
});

describe("nextResendAt", () => {
  const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000);
  it("allows a resend while the hour's budget lasts", () => {
    expect(nextResendAt([at(50), at(10)], 3, NOW)).toBeNull();
    expect(nextResendAt([at(70), at(65), at(61)], 3, NOW)).toBeNull();
  });
  it("names when the oldest resend of the window leaves it", () => {
    expect(nextResendAt([at(50), at(30), at(10)], 3, NOW)).toEqual(at(50 - 60));
    expect(nextResendAt([at(59), at(40)], 1, NOW)).toEqual(at(40 - 60));
  });
  it("refuses every resend when none are allowed", () => {
    expect(nextResendAt([], 0, NOW)).toBe("never");
  });
});
