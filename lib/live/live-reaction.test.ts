import { describe, expect, it } from "vitest";
import { isLivePage, pageShowsEvent, toastForEvent } from "./live-reaction";
import { eventVisibleTo, parseTicketEvent, type TicketEvent } from "./ticket-event";

const ME = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const TICKET = "33333333-3333-4333-8333-333333333333";

function event(overrides: Partial<TicketEvent> = {}): TicketEvent {
  return {
    ticketId: TICKET,
    number: 42,
    status: "APPROVED",
    previousStatus: "REVIEW",
    assigneeId: null,
    previousAssigneeId: null,
    createdById: ME,
    kind: "status",
    ...overrides,
  };
}

describe("toastForEvent", () => {
  it("tells the ticket's agent about a supervisor's approval or refusal and a code sent", () => {
    expect(toastForEvent(event(), ME)).toMatchObject({ tone: "success", title: "RT-000042 approved" });
    expect(toastForEvent(event({ status: "REFUSED" }), ME)).toMatchObject({ tone: "error", title: "RT-000042 refused" });
    expect(toastForEvent(event({ status: "SENT", previousStatus: "APPROVED", createdById: OTHER, assigneeId: ME }), ME)).toMatchObject({
      title: "Code sent for RT-000042",
    });
  });

  it("stays quiet for other people's tickets, new tickets, notes and reassignments", () => {
    expect(toastForEvent(event({ createdById: OTHER }), ME)).toBeNull();
    expect(toastForEvent(event({ kind: "created", previousStatus: null }), ME)).toBeNull();
    expect(toastForEvent(event({ kind: "note", previousStatus: "APPROVED" }), ME)).toBeNull();
    expect(toastForEvent(event({ status: "REVIEW", previousStatus: "READY" }), ME)).toBeNull();
  });
});

describe("pageShowsEvent", () => {
  it("refreshes the queue for any change, a ticket or review page only for its own ticket", () => {
    expect(pageShowsEvent("/tickets", event())).toBe(true);
    expect(pageShowsEvent(`/tickets/${TICKET}`, event())).toBe(true);
    expect(pageShowsEvent(`/tickets/${OTHER}`, event())).toBe(false);
    expect(pageShowsEvent(`/review/${TICKET.toUpperCase()}`, event())).toBe(true);
    expect(pageShowsEvent("/tickets/new", event())).toBe(false);
    expect(pageShowsEvent("/audit", event())).toBe(false);
  });

  it("refreshes the review queue only when a ticket enters or leaves review", () => {
    expect(pageShowsEvent("/review", event())).toBe(true);
    expect(pageShowsEvent("/review", event({ status: "SENT", previousStatus: "APPROVED" }))).toBe(false);
    expect(pageShowsEvent("/review", event({ kind: "created", status: "REVIEW", previousStatus: null }))).toBe(true);
  });

  it("polls only pages that show live data", () => {
    expect(isLivePage("/tickets")).toBe(true);
    expect(isLivePage("/escalations")).toBe(true);
    expect(isLivePage("/admin/users")).toBe(false);
  });
});

describe("ticket events", () => {
  it("parses the trigger's payload and refuses anything else", () => {
    expect(parseTicketEvent(JSON.stringify(event()))).toEqual(event());
    expect(parseTicketEvent("not json")).toBeNull();
    expect(parseTicketEvent(JSON.stringify({ ...event(), status: "LOST" }))).toBeNull();
  });

  it("reach whoever may see the ticket now, and on a reassignment whoever could see it before", () => {
    const agent = { id: ME, role: "AGENT" as const };
    const moved = event({ kind: "assigned", status: "REVIEW", previousStatus: "REVIEW", createdById: OTHER, assigneeId: OTHER, previousAssigneeId: ME });
    expect(eventVisibleTo(moved, agent)).toBe(true);
    expect(eventVisibleTo({ ...moved, kind: "note", previousAssigneeId: OTHER }, agent)).toBe(false);
    expect(eventVisibleTo({ ...moved, kind: "note", previousAssigneeId: OTHER }, { id: ME, role: "SUPERVISOR" })).toBe(true);
    expect(eventVisibleTo(event({ createdById: OTHER, assigneeId: null }), agent)).toBe(true);
  });
});

describe("review claims (kind presence)", () => {
  it("refresh only that ticket's review page: no queue, ticket page or toast moves because a supervisor opened a page", () => {
    const claim = event({ kind: "presence", status: "REVIEW", previousStatus: "REVIEW" });
    expect(pageShowsEvent(`/review/${TICKET}`, claim)).toBe(true);
    expect(pageShowsEvent(`/review/${OTHER}`, claim)).toBe(false);
    for (const path of ["/review", "/tickets", `/tickets/${TICKET}`, "/escalations"]) expect(pageShowsEvent(path, claim)).toBe(false);
    expect(toastForEvent(claim, ME)).toBeNull();
    expect(parseTicketEvent(JSON.stringify(claim))).toEqual(claim);
  });
});
