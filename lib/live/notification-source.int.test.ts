import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "@/lib/db/client";
import { adminQuery } from "@/lib/testing/admin-query";
import { ENGINES } from "@/lib/testing/databases";
import { seedStaff } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { notificationSourceFor, postgresNotificationSource, type NotificationSource } from "./notification-source";
import { parseTicketEvent, TICKET_EVENTS_CHANNEL } from "./ticket-event";

/** Starts `source`, runs `act`, and resolves with the first payload heard (then stops listening). */
async function firstPayload(source: NotificationSource, act: () => Promise<unknown>): Promise<string> {
  let heard: (payload: string) => void = () => undefined;
  const arrived = new Promise<string>((resolve) => (heard = resolve));
  const stop = await source.start((payload) => heard(payload));
  await act();
  const payload = await arrived;
  await stop();
  return payload;
}

// The source the app picks for its own database: the PGlite its client queries (a second PGlite
// on the same folder is impossible, and would hear nothing), or DATABASE_URL's PostgreSQL.
describe.each(ENGINES)("notificationSourceFor the app's database on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    if (t.url) vi.stubEnv("DATABASE_URL", t.url);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.close();
  });

  it("hears a ticket committed through the app's client", async () => {
    const author = await seedStaff(t.db, "AGENT");
    let id = "";
    const payload = await firstPayload(notificationSourceFor(t.db), async () => {
      const ticket = await t.db.ticket.create({
        data: {
          customerName: "Kim",
          customerEmail: "kim@example.com",
          channel: "CHAT",
          status: "READY",
          decision: "ISSUE",
          checks: [],
          createdById: author.id,
        },
      });
      id = ticket.id;
    });
    expect(parseTicketEvent(payload)).toMatchObject({ ticketId: id, kind: "created", status: "READY" });
  });
});

describe("notificationSourceFor a client made by createDb on the embedded database", () => {
  it("listens on the PGlite that client writes through", async () => {
    const db = createDb({ engine: "pglite", dataDir: "memory://" });
    try {
      const payload = await firstPayload(notificationSourceFor(db), () => db.$executeRawUnsafe(`SELECT pg_notify('${TICKET_EVENTS_CHANNEL}', 'hello')`));
      expect(payload).toBe("hello");
    } finally {
      await db.$disconnect();
    }
  });
});

// A PostgreSQL restart or a killed connection must not leave an instance deaf: the listener
// reconnects, says so (the streams then tell their browsers to catch up), and hears again.
describe("the PostgreSQL listener when its connection is killed", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase("postgresql");
  });
  afterAll(() => t.close());

  it("reconnects, reports that it resumed, and hears the next change", async () => {
    const payloads: string[] = [];
    let resumed: () => void = () => undefined;
    const resumedOnce = new Promise<void>((resolve) => (resumed = resolve));
    let heard: () => void = () => undefined;
    const heardOnce = new Promise<void>((resolve) => (heard = resolve));
    const stop = await postgresNotificationSource(t.url!).start(
      (payload) => (payloads.push(payload), heard()),
      () => resumed(),
    );
    const database = new URL(t.url!).pathname.slice(1);
    const killed = await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'reset-console-live' AND datname = '${database}'`,
    );
    expect(killed.rowCount).toBe(1);
    await resumedOnce;
    await t.db.$executeRawUnsafe(`SELECT pg_notify('${TICKET_EVENTS_CHANNEL}', 'after')`);
    await heardOnce;
    await stop();
    expect(payloads).toEqual(["after"]);
  });
});
