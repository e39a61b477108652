import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedPglite } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { ENGINES } from "@/lib/testing/databases";
import { seedStaff } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { liveEventStream } from "./event-stream";
import { LiveHub } from "./live-hub";
import { pgliteNotificationSource, postgresNotificationSource, type NotificationSource } from "./notification-source";
import { parseTicketEvent, type TicketEvent } from "./ticket-event";

type Person = { id: string; role: Role };

/** Everything one subscriber heard, and a way to wait for the next thing it hears. */
function inbox() {
  const events: TicketEvent[] = [];
  let waiters: ((event: TicketEvent) => void)[] = [];
  return {
    events,
    deliver(event: TicketEvent) {
      events.push(event);
      const ready = waiters;
      waiters = [];
      for (const wake of ready) wake(event);
    },
    /** The first event (already heard or still to come) for which `match` holds. */
    until(match: (event: TicketEvent) => boolean): Promise<TicketEvent> {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const wait = (event: TicketEvent) => (match(event) ? resolve(event) : waiters.push(wait));
        waiters.push(wait);
      });
    },
  };
}

// A committed change to a ticket reaches the listening connection as ONE notification with the
// small payload the trigger builds, on both engines; the hub passes it only to the subscribers
// `canViewTicket` lets see the ticket.
describe.each(ENGINES)("live ticket events on %s", (engine) => {
  let t: TestDatabase;
  let hub: LiveHub;
  const raw: string[] = [];
  const people: Record<"me" | "other" | "supervisor", Person> = {} as never;
  const heard = { me: inbox(), other: inbox(), supervisor: inbox() };

  function source(): NotificationSource {
    const inner = t.url ? postgresNotificationSource(t.url) : pgliteNotificationSource(embeddedPglite(t.db)!);
    return { start: (onPayload) => inner.start((payload) => (raw.push(payload), onPayload(payload))) };
  }

  function newTicket(createdById: string, assigneeId: string | null, status: "READY" | "REVIEW" = "REVIEW") {
    return t.db.ticket.create({
      data: { customerName: "Kim Lee", customerEmail: "kim@example.com", channel: "PHONE", status, decision: "REVIEW", checks: [], createdById, assigneeId },
    });
  }

  /** Waits until everyone who may see it has heard a fresh sentinel ticket: anything committed before it was heard too. */
  async function settle() {
    const sentinel = await newTicket(people.supervisor.id, people.supervisor.id, "READY");
    await heard.supervisor.until((e) => e.ticketId === sentinel.id);
    return sentinel;
  }

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    people.me = await seedStaff(t.db, "AGENT");
    people.other = await seedStaff(t.db, "AGENT");
    people.supervisor = await seedStaff(t.db, "SUPERVISOR");
    hub = new LiveHub(source());
    for (const who of ["me", "other", "supervisor"] as const) {
      await hub.subscribe({ viewer: people[who], deliver: (event) => heard[who].deliver(event) });
    }
  });
  afterAll(async () => {
    await hub.close();
    await t.close();
  });

  it("a new ticket is one notification with ids, number, status and kind, and no customer data", async () => {
    const before = raw.length;
    const ticket = await newTicket(people.other.id, people.other.id);
    const event = await heard.supervisor.until((e) => e.ticketId === ticket.id);
    expect(event).toEqual({
      ticketId: ticket.id,
      number: ticket.number,
      status: "REVIEW",
      previousStatus: null,
      assigneeId: people.other.id,
      previousAssigneeId: null,
      createdById: people.other.id,
      kind: "created",
    });
    await settle();
    const mine = raw.slice(before).filter((payload) => parseTicketEvent(payload)?.ticketId === ticket.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).not.toMatch(/kim|example\.com|PHONE/i);
  });

  it("the per-user filter drops a ticket outside an agent's scope and keeps it for its agent and supervisors", async () => {
    const ticket = await newTicket(people.other.id, people.other.id);
    await heard.other.until((e) => e.ticketId === ticket.id);
    await settle();
    expect(heard.supervisor.events.some((e) => e.ticketId === ticket.id)).toBe(true);
    expect(heard.me.events.some((e) => e.ticketId === ticket.id)).toBe(false);
    // The sentinel itself is the supervisor's own and assigned: no agent hears it either.
    expect(heard.me.events.some((e) => e.createdById === people.supervisor.id)).toBe(false);
  });

  it("an approval committed in a transaction is one status notification after commit; a rolled-back one is none", async () => {
    const ticket = await newTicket(people.me.id, null);
    await heard.me.until((e) => e.ticketId === ticket.id && e.kind === "created");
    const before = raw.length;
    await t.db
      .$transaction(async (tx) => {
        await tx.ticket.update({ where: { id: ticket.id }, data: { status: "REFUSED" } });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    await t.db.$transaction(async (tx) => {
      await tx.approval.create({
        data: { ticketId: ticket.id, supervisorId: people.supervisor.id, decision: "APPROVE", reason: "Owner verified on the phone." },
      });
      await tx.ticket.update({ where: { id: ticket.id }, data: { status: "APPROVED", decidedAt: new Date() } });
    });
    const event = await heard.me.until((e) => e.ticketId === ticket.id && e.kind === "status");
    expect(event).toMatchObject({ status: "APPROVED", previousStatus: "REVIEW", createdById: people.me.id, assigneeId: null });
    await settle();
    expect(raw.slice(before).filter((payload) => parseTicketEvent(payload)?.ticketId === ticket.id)).toHaveLength(1);
    expect(heard.me.events.filter((e) => e.ticketId === ticket.id).map((e) => e.status)).toEqual(["REVIEW", "APPROVED"]);
    // Unassigned: the team's queue shows it, so the other agent hears it too.
    expect(heard.other.events.some((e) => e.ticketId === ticket.id && e.status === "APPROVED")).toBe(true);
  });

  it("a reassignment reaches the agent who loses the ticket and the one who gets it; a note is a note event", async () => {
    const ticket = await newTicket(people.supervisor.id, people.me.id);
    await heard.me.until((e) => e.ticketId === ticket.id);
    await t.db.ticket.update({ where: { id: ticket.id }, data: { assigneeId: people.other.id } });
    const lost = await heard.me.until((e) => e.ticketId === ticket.id && e.kind === "assigned");
    expect(lost).toMatchObject({ assigneeId: people.other.id, previousAssigneeId: people.me.id });
    await heard.other.until((e) => e.ticketId === ticket.id && e.kind === "assigned");
    await t.db.ticketNote.create({ data: { ticketId: ticket.id, authorId: people.supervisor.id, body: "Called the customer back." } });
    const note = await heard.other.until((e) => e.ticketId === ticket.id && e.kind === "note");
    expect(note).toMatchObject({ status: "REVIEW", previousStatus: "REVIEW", assigneeId: people.other.id, previousAssigneeId: people.other.id });
    await settle();
    // After the reassignment the ticket is outside my scope: I do not hear its note.
    expect(heard.me.events.some((e) => e.ticketId === ticket.id && e.kind === "note")).toBe(false);
  });

  it("the event stream says ready, sends the badge counts, the changes I may see, a resync, and ends when the session is revoked", async () => {
    const session = await t.db.userSession.create({ data: { userId: people.me.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const abort = new AbortController();
    const response = liveEventStream({
      db: t.db,
      hub,
      user: { id: people.me.id, role: "AGENT", sessionId: session.id },
      signal: abort.signal,
      heartbeatMs: 50,
    });
    expect(response.headers.get("Content-Type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    const readUntil = async (needle: string | RegExp) => {
      while (typeof needle === "string" ? !text.includes(needle) : !needle.test(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${String(needle)}`);
        text += value;
      }
    };
    await readUntil(/event: counts\ndata: .*\n\n/);
    expect(text).toContain("event: ready");
    const openMine = await t.db.ticket.count({
      where: { status: { in: ["READY", "REVIEW", "APPROVED"] }, OR: [{ createdById: people.me.id }, { assigneeId: people.me.id }] },
    });
    expect(text).toContain(`data: {"/tickets":${openMine}}`);

    const theirs = await newTicket(people.other.id, people.other.id);
    const mine = await newTicket(people.me.id, people.me.id);
    await readUntil(mine.id);
    expect(text).not.toContain(theirs.id);
    await readUntil(`data: {"/tickets":${openMine + 1}}`);
    // The instance's listener came back after an outage: the browser is told to catch up.
    hub.resync();
    await readUntil("event: resync");

    await t.db.userSession.update({ where: { id: session.id }, data: { revokedAt: new Date() } });
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
    expect(hub.size).toBe(3);
  });
});
