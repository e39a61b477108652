import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { parseEventFilters } from "./event-filters";
import { exportAuditCsv } from "./export/export-audit-csv";
import { listAuditEvents } from "./list-audit-events";
import { recordAudit } from "./record-audit";
import { searchTickets } from "./search-tickets";
import { seedStaff, seedTicket } from "./testing/seed-tickets";
import { parseTicketFilters } from "./ticket-filters";

/** The filters as a supervisor types them in the form (the URL's query), through the same parsing as the page. */
const ticketsFor = (t: TestDatabase, query: string) => searchTickets({ db: t.db, filters: parseTicketFilters(new URLSearchParams(query)).filters, limit: 100 });
const eventsFor = (t: TestDatabase, query: string) => listAuditEvents({ db: t.db, filters: parseEventFilters(new URLSearchParams(query)).filters, limit: 100 });

describe.each(ENGINES)("forgiving audit filters on %s", (engine) => {
  let t: TestDatabase;
  let agent: { id: string; name: string };
  // Unique per run (each engine has its own database, but keep the prefixes unmistakable).
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const serials = [`NVR8-${tag}-000123`, `NVR8-${tag}-000124`, `DVR4-${tag}-004711`];
  const emails = [`Kim.Lee@Example.org`, `kim.leroy@example.org`, `owner@corner-store.example`];
  const tickets: { id: string; number: number }[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    agent = await seedStaff(t.db, "AGENT", "Agent Filter");
    for (const [i, serial] of serials.entries()) {
      const ticket = await seedTicket(t.db, {
        createdById: agent.id,
        serial,
        customerEmail: emails[i]!,
        createdAt: new Date(Date.UTC(2026, 3, 1 + i, 9)),
        status: i === 2 ? "REFUSED" : "REVIEW",
        decision: i === 2 ? "REFUSE" : "REVIEW",
      });
      tickets.push(ticket);
      await t.db.$transaction((tx) =>
        recordAudit(tx, { actor: { id: agent.id, label: agent.name }, action: "ticket.created", ticketId: ticket.id, serial, details: {} }),
      );
    }
  });
  afterAll(() => t.close());

  it("finds a ticket by its RT number however it is typed", async () => {
    const { id, number } = tickets[1]!;
    for (const typed of [ticketRef(number), ticketRef(number).toLowerCase(), `rt-${number}`, String(number), `#${number}`]) {
      const found = await ticketsFor(t, `ticket=${encodeURIComponent(typed)}`);
      expect(
        found.rows.map((r) => r.id),
        typed,
      ).toEqual([id]);
      const events = await eventsFor(t, `ticket=${encodeURIComponent(typed)}`);
      expect(
        events.rows.map((e) => e.ticketId),
        typed,
      ).toEqual([id]);
    }
    // A number no ticket has finds nothing (not everything).
    expect((await eventsFor(t, "ticket=RT-999999")).rows).toEqual([]);
    expect((await ticketsFor(t, "ticket=RT-999999")).rows).toEqual([]);
  });

  it("matches serials by prefix, any case, on tickets and events", async () => {
    const prefix = `nvr8-${tag.toLowerCase()}`;
    expect((await ticketsFor(t, `serial=${prefix}`)).rows.map((r) => r.serial).sort()).toEqual(serials.slice(0, 2));
    expect((await eventsFor(t, `serial=${prefix}`)).rows.map((e) => e.serial).sort()).toEqual(serials.slice(0, 2));
    expect((await ticketsFor(t, `serial=${serials[2]!.toLowerCase()}`)).rows.map((r) => r.serial)).toEqual([serials[2]]);
    expect((await eventsFor(t, `serial=${serials[0]}`)).rows.map((e) => e.serial)).toEqual([serials[0]]);
    // A prefix is a prefix: the middle of a serial finds nothing.
    expect((await ticketsFor(t, `serial=${tag}`)).rows).toEqual([]);
    expect((await eventsFor(t, `serial=${tag}`)).rows).toEqual([]);
  });

  it("matches customer emails by prefix, any case, and LIKE wildcards match only themselves", async () => {
    const found = await ticketsFor(t, "email=KIM.LE");
    expect(found.rows.map((r) => r.id).sort()).toEqual([tickets[0]!.id, tickets[1]!.id].sort());
    expect((await ticketsFor(t, "email=kim.lee@example.ORG")).rows.map((r) => r.id)).toEqual([tickets[0]!.id]);
    expect((await ticketsFor(t, "email=%25")).rows).toEqual([]);
    expect((await ticketsFor(t, "email=kim_lee")).rows).toEqual([]);
  });

  it("combines filters (status typed in lower case, agent, dates) and keeps the export in step", async () => {
    const found = await ticketsFor(t, `status=refused&agent=${agent.id}&from=2026-04-01&to=2026-04-30&serial=dvr4`);
    expect(found.rows.map((r) => r.id)).toEqual([tickets[2]!.id]);
    expect((await ticketsFor(t, "decision=refuse&email=kim")).rows).toEqual([]);
    const exported = await exportAuditCsv({
      db: t.db,
      actor: { id: agent.id, label: agent.name },
      ip: null,
      filters: parseEventFilters(new URLSearchParams(`ticket=${ticketRef(tickets[0]!.number)}`)).filters,
    });
    expect(exported.rows).toBe(1);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "export.audit" }, orderBy: { seq: "desc" } });
    expect(audit.details).toMatchObject({ ticket: ticketRef(tickets[0]!.number), rows: 1 });
  });
});
