import { describe, expect, it } from "vitest";
import type { Resolution, TicketStatus } from "@/lib/generated/prisma/enums";
import {
  customerGuidance,
  escalateRefusal,
  escalationKind,
  EXPIRED_NEXT_STEP,
  hasLapsed,
  lapsesAt,
  nextAction,
  reopenRefusal,
  reopenStatus,
  resolveRefusal,
  VERIFY_OWNERSHIP_SCRIPT,
} from "./lifecycle-rules";

const NOW = new Date("2026-12-06T12:00:00Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const ticket = (status: TicketStatus, extra: { firstSentAt?: Date | null; escalatedAt?: Date | null } = {}) => ({
  status,
  firstSentAt: extra.firstSentAt ?? null,
  escalatedAt: extra.escalatedAt ?? null,
});

describe("resolveRefusal", () => {
  const table: [string, ReturnType<typeof ticket>, Resolution, RegExp | null][] = [
    ["a ready ticket, customer unreachable", ticket("READY"), "UNREACHABLE", null],
    ["a sent ticket, reset confirmed", ticket("SENT", { firstSentAt: at(-1) }), "CONFIRMED", null],
    ["an expired ticket that had a code sent, confirmed late", ticket("EXPIRED", { firstSentAt: at(-30) }), "CONFIRMED", null],
    ["confirmed without any code sent", ticket("READY"), "CONFIRMED", /No code was sent/],
    ["a refused ticket, refused", ticket("REFUSED"), "REFUSED", null],
    ["a review ticket, duplicate", ticket("REVIEW"), "DUPLICATE", null],
    ["already resolved", ticket("RESOLVED"), "OTHER", /already resolved/],
    ["escalated", ticket("READY", { escalatedAt: at(-1) }), "UNREACHABLE", /escalated/],
  ];
  it.each(table)("%s", (_name, t, outcome, refusal) => {
    const result = resolveRefusal(t, outcome);
    if (refusal) expect(result).toMatch(refusal);
    else expect(result).toBeNull();
  });
});

describe("reopen", () => {
  const fresh = { expiresAt: at(2), challenge: { firstSeenAt: at(-1) } };
  const lapsed = { expiresAt: at(-1), challenge: { firstSeenAt: at(-25) } };
  it("only a resolved ticket reopens", () => {
    expect(reopenRefusal({ status: "RESOLVED" })).toBeNull();
    for (const status of ["READY", "SENT", "EXPIRED", "REFUSED"] as const) expect(reopenRefusal({ status })).toMatch(/Only a resolved/);
  });
  const table: [string, TicketStatus | null, typeof fresh, TicketStatus][] = [
    ["back to ready while the QR code lives", "READY", fresh, "READY"],
    ["back to sent while the code lives", "SENT", fresh, "SENT"],
    ["ready whose QR code lapsed meanwhile → expired", "READY", lapsed, "EXPIRED"],
    ["sent whose code lapsed meanwhile → expired", "SENT", lapsed, "EXPIRED"],
    ["refused stays refused even when lapsed", "REFUSED", lapsed, "REFUSED"],
    ["expired stays expired", "EXPIRED", lapsed, "EXPIRED"],
    ["no recorded status → ready", null, fresh, "READY"],
  ];
  it.each(table)("%s", (_name, resolvedFrom, lapse, expected) => {
    expect(reopenStatus({ resolvedFrom, ...lapse }, NOW)).toBe(expected);
  });
});

describe("escalation", () => {
  it("one open escalation at a time, none on a resolved ticket", () => {
    expect(escalateRefusal(ticket("REFUSED"))).toBeNull();
    expect(escalateRefusal(ticket("EXPIRED"))).toBeNull();
    expect(escalateRefusal(ticket("READY", { escalatedAt: at(-1) }))).toMatch(/already escalated/);
    expect(escalateRefusal(ticket("RESOLVED"))).toMatch(/resolved/);
  });
  it("kind: the registry's status first, then the checks", () => {
    expect(escalationKind([{ id: "DEVICE_ACTIVE" }], "STOLEN")).toBe("STOLEN");
    expect(escalationKind([{ id: "DEVICE_STOLEN" }], null)).toBe("STOLEN");
    expect(escalationKind([{ id: "DEVICE_BLOCKED" }], "BLOCKED")).toBe("BLOCKED");
    expect(escalationKind([{ id: "EMAIL_MISMATCH" }], "ACTIVE")).toBe("CHECK");
  });
});

describe("lapse", () => {
  it("the challenge's lifetime, or 24 h after first seen, whichever comes first", () => {
    expect(lapsesAt({ expiresAt: at(5), challenge: { firstSeenAt: at(-1) } })).toEqual(at(5));
    // An admin set a 48 h lifetime: the recorder still takes the code for 24 h only.
    expect(lapsesAt({ expiresAt: at(40), challenge: { firstSeenAt: at(-1) } })).toEqual(at(23));
    expect(lapsesAt({ expiresAt: null, challenge: null })).toBeNull();
  });
  it("lapsed exactly at the deadline, not a moment before", () => {
    expect(hasLapsed({ expiresAt: NOW, challenge: null }, NOW)).toBe(true);
    expect(hasLapsed({ expiresAt: at(0.001), challenge: null }, NOW)).toBe(false);
    expect(hasLapsed({ expiresAt: null, challenge: null }, NOW)).toBe(false);
  });
});

describe("customerGuidance", () => {
  const stolen = [{ id: "DEVICE_STOLEN" as const }];
  it("a stolen or blocked recorder: verify ownership, never the reason", () => {
    for (const [checks, deviceStatus] of [
      [stolen, "STOLEN"],
      [[{ id: "DEVICE_BLOCKED" as const }], "BLOCKED"],
      [[{ id: "DEVICE_ACTIVE" as const }], "STOLEN"],
    ] as const) {
      for (const status of ["REFUSED", "EXPIRED", "READY"] as const) {
        const said = customerGuidance({ status, checks, deviceStatus });
        expect(said).toContain(VERIFY_OWNERSHIP_SCRIPT);
        expect(said).toMatch(/verify ownership/);
        expect(said).not.toMatch(/stolen|blocked|police|theft/i);
      }
    }
  });
  it("an expired ticket: ask for a new photo of the QR code", () => {
    expect(customerGuidance({ status: "EXPIRED", checks: [], deviceStatus: "ACTIVE" })).toBe(EXPIRED_NEXT_STEP);
    expect(EXPIRED_NEXT_STEP).toBe("Ask the customer for a new photo of the QR code: the old one has expired");
  });
  it("nothing extra while the page's controls say it", () => {
    expect(customerGuidance({ status: "READY", checks: [], deviceStatus: "ACTIVE" })).toBeNull();
    expect(customerGuidance({ status: "RESOLVED", checks: stolen, deviceStatus: "STOLEN" })).toBeNull();
  });
});

describe("nextAction", () => {
  const AGENT = "00000000-0000-4000-8000-0000000000a1";
  const SUPER = "00000000-0000-4000-8000-0000000000b1";
  const base = { id: "t1", escalatedAt: null, createdById: AGENT, checks: [{ id: "TAG_VALID" as const }], deviceStatus: "ACTIVE" };
  const agent = { id: AGENT, supervisor: false, canAct: true, canSend: true };
  const rows: [string, Parameters<typeof nextAction>[0], string, string | null, string][] = [
    ["ready, mine", { ...base, status: "READY", viewer: agent }, "Send the code to the owner of record (s)", "#security-code", "act"],
    ["ready, not mine", { ...base, status: "READY", viewer: { ...agent, canAct: false, canSend: false } }, "Take the ticket to act on it (t)", null, "act"],
    [
      "approved, I approved it",
      { ...base, status: "APPROVED", viewer: { ...agent, canSend: false } },
      "Someone else must send the code",
      "#security-code",
      "wait",
    ],
    ["review, the agent", { ...base, status: "REVIEW", viewer: agent }, "Waiting for a supervisor's decision", null, "wait"],
    [
      "review, a supervisor",
      { ...base, status: "REVIEW", viewer: { ...agent, id: SUPER, supervisor: true } },
      "Review the request and decide",
      "/review/t1",
      "act",
    ],
    [
      "review, the supervisor who opened it",
      { ...base, createdById: SUPER, status: "REVIEW", viewer: { ...agent, id: SUPER, supervisor: true } },
      "Waiting for a supervisor's decision",
      null,
      "wait",
    ],
    ["sent", { ...base, status: "SENT", viewer: agent }, "When the customer confirms the reset, resolve the ticket", "#lifecycle", "act"],
    [
      "refused, a forged code",
      { ...base, checks: [{ id: "TAG_INVALID" }], status: "REFUSED", viewer: agent },
      "Tell the customer why no code can be sent, then resolve the ticket",
      "#lifecycle",
      "act",
    ],
    [
      "refused, a stolen recorder",
      { ...base, checks: [{ id: "DEVICE_STOLEN" }], deviceStatus: "STOLEN", status: "REFUSED", viewer: agent },
      "Escalate to a supervisor; tell the customer only that ownership must be verified",
      "#lifecycle",
      "act",
    ],
    [
      "expired",
      { ...base, status: "EXPIRED", viewer: agent },
      "Ask the customer for a new photo of the QR code, on a new ticket",
      "/tickets/new?from=t1",
      "act",
    ],
    ["resolved", { ...base, status: "RESOLVED", viewer: agent }, "Resolved: reopen it if the customer comes back", "#lifecycle", "done"],
    [
      "escalated, the agent",
      { ...base, escalatedAt: new Date(), status: "REFUSED", viewer: agent },
      "Waiting for a supervisor: the ticket is escalated",
      null,
      "wait",
    ],
    [
      "escalated, a supervisor",
      { ...base, escalatedAt: new Date(), status: "REFUSED", viewer: { ...agent, id: SUPER, supervisor: true } },
      "Handle the escalation",
      "/escalations",
      "act",
    ],
  ];
  it.each(rows)("%s", (_name, ticket, text, href, kind) => {
    expect(nextAction(ticket)).toEqual({ text, href, kind });
  });
  it("never names a recorder's state in what it tells the agent to say", () => {
    for (const [, ticket] of rows) expect(nextAction(ticket).text).not.toMatch(/stolen|blocked/i);
  });
});
