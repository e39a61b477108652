import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, seedTicket } from "@/lib/audit/testing/seed-tickets";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { ticketRef } from "./ticket-ref";
import { TITLE_NAME_MAX, ticketPageTitle, ticketTitle } from "./ticket-title";

describe("ticketTitle", () => {
  it("names the ticket by its reference and the requester, then the view", () => {
    expect(ticketTitle({ number: 42, customerName: "Kim Lee" })).toBe("RT-000042 · Kim Lee");
    expect(ticketTitle({ number: 42, customerName: "  Kim \n Lee " }, "Review")).toBe("RT-000042 · Kim Lee · Review");
  });

  it("cuts a long name to fit a tab, with an ellipsis", () => {
    const title = ticketTitle({ number: 7, customerName: `${"Maximiliane ".repeat(6)}Example` });
    const name = title.split(" · ")[1]!;
    expect(name.length).toBeLessThanOrEqual(TITLE_NAME_MAX);
    expect(name.endsWith("…")).toBe(true);
    expect(name.startsWith("Maximiliane Maximiliane")).toBe(true);
  });
});

describe.each(ENGINES)("ticket page titles on %s", (engine) => {
  let t: TestDatabase;
  let agent: { id: string; role: "AGENT" };
  let other: { id: string; role: "AGENT" };
  let supervisor: { id: string; role: "SUPERVISOR" };
  let ticket: { id: string; number: number };

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    agent = { id: (await seedStaff(t.db, "AGENT")).id, role: "AGENT" };
    other = { id: (await seedStaff(t.db, "AGENT")).id, role: "AGENT" };
    supervisor = { id: (await seedStaff(t.db, "SUPERVISOR")).id, role: "SUPERVISOR" };
    const seeded = await seedTicket(t.db, { createdById: agent.id, customerName: "Kim Lee" });
    // Assigned to its opener: outside the other agent's scope (the team's unassigned tickets and their own).
    await t.db.ticket.update({ where: { id: seeded.id }, data: { assigneeId: agent.id } });
    ticket = await t.db.ticket.findUniqueOrThrow({ where: { id: seeded.id }, select: { id: true, number: true } });
  });
  afterAll(() => t.close());

  it("gives the viewer who may see the ticket its reference and requester", async () => {
    const expected = `${ticketRef(ticket.number)} · Kim Lee`;
    expect(await ticketPageTitle({ db: t.db, actor: agent, ticketId: ticket.id })).toBe(expected);
    expect(await ticketPageTitle({ db: t.db, actor: supervisor, ticketId: ticket.id, suffix: "Review" })).toBe(`${expected} · Review`);
  });

  it("names nobody to a viewer outside the ticket's scope, to no session, or for an id that is not one", async () => {
    expect(await ticketPageTitle({ db: t.db, actor: other, ticketId: ticket.id })).toBeNull();
    expect(await ticketPageTitle({ db: t.db, actor: null, ticketId: ticket.id })).toBeNull();
    expect(await ticketPageTitle({ db: t.db, actor: supervisor, ticketId: "not-a-uuid'--" })).toBeNull();
    expect(await ticketPageTitle({ db: t.db, actor: supervisor, ticketId: "00000000-0000-4000-8000-000000000000" })).toBeNull();
  });
});
