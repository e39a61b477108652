import { describe, expect, it } from "vitest";
import { badgesFor } from "./nav-counts";
import type { TicketEvent } from "./ticket-event";

const ME = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

function event(overrides: Partial<TicketEvent>): TicketEvent {
  return {
    ticketId: "33333333-3333-4333-8333-333333333333",
    number: 7,
    status: "REVIEW",
    previousStatus: null,
    assigneeId: null,
    previousAssigneeId: null,
    createdById: ME,
    kind: "created",
    ...overrides,
  };
}

// A stream recounts only the badges a change can move: these decide when the database is asked.
describe("badgesFor", () => {
  const agent = { id: ME, role: "AGENT" as const };
  const supervisor = { id: ME, role: "SUPERVISOR" as const };

  it("lists the badges each role has", () => {
    expect(badgesFor(agent)).toEqual(["/tickets"]);
    expect(badgesFor(supervisor)).toEqual(["/tickets", "/review", "/escalations"]);
  });

  it("recounts my tickets when one of mine opens, closes or changes hands, not for others' or for notes", () => {
    expect(badgesFor(agent, event({}))).toEqual(["/tickets"]);
    expect(badgesFor(agent, event({ kind: "status", status: "SENT", previousStatus: "APPROVED" }))).toEqual(["/tickets"]);
    expect(badgesFor(agent, event({ kind: "status", status: "APPROVED", previousStatus: "REVIEW" }))).toEqual([]);
    expect(badgesFor(agent, event({ kind: "note", previousStatus: "REVIEW" }))).toEqual([]);
    expect(badgesFor(agent, event({ createdById: OTHER }))).toEqual([]);
    const handedOn = event({ kind: "assigned", createdById: OTHER, previousStatus: "REVIEW", previousAssigneeId: ME, assigneeId: OTHER });
    expect(badgesFor(agent, handedOn)).toEqual(["/tickets"]);
  });

  it("recounts the review queue when a ticket enters or leaves review", () => {
    const theirs = { createdById: OTHER };
    expect(badgesFor(supervisor, event(theirs))).toEqual(["/review"]);
    expect(badgesFor(supervisor, event({ ...theirs, kind: "status", status: "APPROVED", previousStatus: "REVIEW" }))).toEqual(["/review"]);
    expect(badgesFor(supervisor, event({ ...theirs, kind: "note", previousStatus: "REVIEW" }))).toEqual([]);
    expect(badgesFor(supervisor, event({ ...theirs, status: "READY" }))).toEqual([]);
  });

  it("recounts open escalations when a ticket's escalation changes (an update that is not a status change)", () => {
    expect(badgesFor(supervisor, event({ createdById: OTHER, kind: "updated", status: "REFUSED", previousStatus: "REFUSED" }))).toEqual(["/escalations"]);
    expect(badgesFor(agent, event({ createdById: OTHER, kind: "updated", status: "REFUSED", previousStatus: "REFUSED" }))).toEqual([]);
  });
});
