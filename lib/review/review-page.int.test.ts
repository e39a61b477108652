import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, seedTicket } from "@/lib/audit/testing/seed-tickets";
import { embeddedPglite } from "@/lib/db/client";
import { pgliteNotificationSource, postgresNotificationSource } from "@/lib/live/notification-source";
import { parseTicketEvent, type TicketEvent } from "@/lib/live/ticket-event";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { nextReviewTicketId } from "./list-review-queue";
import { leaveReviewPresence, listReviewViewers, PRESENCE_EXPIRY_MS, touchReviewPresence } from "./presence";
import { requesterHistory } from "./requester-history";

describe.each(ENGINES)("review page data on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("claims: each supervisor sees the others who have the page open, until they leave or their heartbeat lapses", async () => {
    const agent = await seedStaff(t.db, "AGENT");
    const sam = await seedStaff(t.db, "SUPERVISOR", "Sam");
    const ria = await seedStaff(t.db, "SUPERVISOR", "Ria");
    const ticket = await seedTicket(t.db, { createdById: agent.id });
    const t0 = new Date();

    expect(await touchReviewPresence({ db: t.db, ticketId: ticket.id, userId: sam.id, now: t0 })).toEqual([]);
    const seenByRia = await touchReviewPresence({ db: t.db, ticketId: ticket.id, userId: ria.id, now: new Date(t0.getTime() + 1000) });
    expect(seenByRia.map((v) => v.name)).toEqual(["Sam"]);
    expect((await listReviewViewers({ db: t.db, ticketId: ticket.id, exceptUserId: sam.id, now: new Date(t0.getTime() + 2000) })).map((v) => v.name)).toEqual([
      "Ria",
    ]);

    // Sam leaves: Ria sees no one.
    await leaveReviewPresence({ db: t.db, ticketId: ticket.id, userId: sam.id });
    expect(await listReviewViewers({ db: t.db, ticketId: ticket.id, exceptUserId: ria.id, now: new Date(t0.getTime() + 3000) })).toEqual([]);

    // Ria's heartbeat stops: after the expiry, Sam (back again) no longer sees her, and her row is cleared.
    const later = new Date(t0.getTime() + 1000 + PRESENCE_EXPIRY_MS + 1);
    expect(await touchReviewPresence({ db: t.db, ticketId: ticket.id, userId: sam.id, now: later })).toEqual([]);
    expect(await t.db.reviewPresence.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("a new claim and a left page are announced on the live channel (kind presence); a heartbeat is not", async () => {
    const agent = await seedStaff(t.db, "AGENT");
    const sam = await seedStaff(t.db, "SUPERVISOR");
    const ticket = await seedTicket(t.db, { createdById: agent.id });
    const heard: TicketEvent[] = [];
    const source = t.url ? postgresNotificationSource(t.url) : pgliteNotificationSource(embeddedPglite(t.db)!);
    const stop = await source.start(
      (payload) => {
        const event = parseTicketEvent(payload);
        if (event?.ticketId === ticket.id) heard.push(event);
      },
      () => undefined,
    );
    try {
      await touchReviewPresence({ db: t.db, ticketId: ticket.id, userId: sam.id });
      await touchReviewPresence({ db: t.db, ticketId: ticket.id, userId: sam.id });
      await leaveReviewPresence({ db: t.db, ticketId: ticket.id, userId: sam.id });
      // A note afterwards: once it is heard, everything before it was heard too.
      await t.db.ticketNote.create({ data: { ticketId: ticket.id, authorId: agent.id, body: "sentinel" } });
      for (let i = 0; i < 100 && !heard.some((e) => e.kind === "note"); i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await stop();
    }
    expect(heard.map((e) => e.kind)).toEqual(["presence", "presence", "note"]);
    expect(heard[0]).toMatchObject({ ticketId: ticket.id, number: ticket.number, status: "REVIEW", createdById: agent.id });
  });

  it("'and next' goes to the first ticket in queue order the supervisor may decide, skipping their own and the one just decided", async () => {
    // Alone in its own database state: other tests' REVIEW tickets expire later than these.
    const sam = await seedStaff(t.db, "SUPERVISOR");
    const agent = await seedStaff(t.db, "AGENT");
    const soon = Date.now() + 60_000;
    const decided = await seedTicket(t.db, { createdById: agent.id, expiresAt: new Date(soon) });
    const own = await seedTicket(t.db, { createdById: sam.id, expiresAt: new Date(soon + 1000) });
    const handled = await seedTicket(t.db, { createdById: agent.id, expiresAt: new Date(soon + 2000) });
    await t.db.ticket.update({ where: { id: handled.id }, data: { assigneeId: sam.id } });
    const ready = await seedTicket(t.db, { createdById: agent.id, status: "READY", decision: "ISSUE", expiresAt: new Date(soon + 2500) });
    const next = await seedTicket(t.db, { createdById: agent.id, expiresAt: new Date(soon + 3000) });
    expect(await nextReviewTicketId({ db: t.db, viewerId: sam.id, afterTicketId: decided.id })).toBe(next.id);
    expect([own.id, handled.id, ready.id]).not.toContain(await nextReviewTicketId({ db: t.db, viewerId: sam.id, afterTicketId: decided.id }));
  });

  it("requester history: the same contact address's other tickets, newest first, with codes issued", async () => {
    const agent = await seedStaff(t.db, "AGENT");
    const email = `repeat-${Date.now()}@customer.test`;
    const first = await seedTicket(t.db, { createdById: agent.id, customerEmail: email, createdAt: new Date(Date.now() - 3 * 3_600_000) });
    const second = await seedTicket(t.db, { createdById: agent.id, customerEmail: email, createdAt: new Date(Date.now() - 2 * 3_600_000) });
    const current = await seedTicket(t.db, { createdById: agent.id, customerEmail: email });
    await seedTicket(t.db, { createdById: agent.id });
    await t.db.codeIssue.create({ data: { ticketId: first.id, kind: "FIRST", destination: "owner@example.com", actorId: agent.id, serial: first.serial } });
    const history = await requesterHistory({ db: t.db, customerEmail: email, excludeTicketId: current.id });
    expect(history.more).toBe(false);
    expect(history.tickets.map((x) => [x.id, x.codesIssued])).toEqual([
      [second.id, 0],
      [first.id, 1],
    ]);
  });
});
