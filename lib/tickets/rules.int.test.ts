import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { ENGINES } from "@/lib/testing/databases";
import { seedDevice, seedStaff } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { actingScope, canActOnTicket, canViewTicket, loadSendFacts, viewScope } from "./rules";

// The where-clause form of each scope rule and its predicate form must agree on every kind of
// ticket, for every role, on both engines: pages decide with the predicate what the queries allow.
describe.each(ENGINES)("ticket rules agree with their queries on %s", (engine) => {
  let t: TestDatabase;
  const people: Record<string, { id: string; role: Role }> = {};
  const tickets: { id: string; createdById: string; assigneeId: string | null }[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    for (const [name, role] of [
      ["me", "AGENT"],
      ["other", "AGENT"],
      ["supervisor", "SUPERVISOR"],
      ["admin", "ADMIN"],
    ] as const) {
      const user = await seedStaff(t.db, role);
      people[name] = { id: user.id, role };
    }
    const { me, other } = people as Record<string, { id: string }>;
    const shapes: [string, string | null][] = [
      [me!.id, null],
      [me!.id, me!.id],
      [me!.id, other!.id],
      [other!.id, null],
      [other!.id, me!.id],
      [other!.id, other!.id],
    ];
    for (const [createdById, assigneeId] of shapes) {
      const row = await t.db.ticket.create({
        data: {
          customerName: "Kim",
          customerEmail: "kim@example.com",
          channel: "PHONE",
          status: "READY",
          decision: "ISSUE",
          checks: [],
          createdById,
          assigneeId,
        },
        select: { id: true, createdById: true, assigneeId: true },
      });
      tickets.push(row);
    }
  });
  afterAll(() => t.close());

  it.each(["me", "other", "supervisor", "admin"])("viewScope and canViewTicket, actingScope and canActOnTicket agree for %s", async (who) => {
    const actor = people[who]!;
    const ids = tickets.map((ticket) => ticket.id);
    const viewed = await t.db.ticket.findMany({ where: { id: { in: ids }, ...viewScope(actor) }, select: { id: true } });
    const acted = await t.db.ticket.findMany({ where: { id: { in: ids }, ...actingScope(actor) }, select: { id: true } });
    expect(new Set(viewed.map((r) => r.id))).toEqual(new Set(tickets.filter((ticket) => canViewTicket(ticket, actor)).map((r) => r.id)));
    expect(new Set(acted.map((r) => r.id))).toEqual(new Set(tickets.filter((ticket) => canActOnTicket(ticket, actor)).map((r) => r.id)));
    // Not vacuous: agents are limited, supervisors and admins are not.
    expect(viewed.length).toBe(actor.role === "AGENT" ? 5 : 6);
    expect(acted.length).toBe(actor.role === "AGENT" ? 4 : 6);
  });

  it("loadSendFacts reads the recorder, the latest approval and whether a code went out", async () => {
    const device = await seedDevice(t.db, { status: "STOLEN" });
    const ticket = await t.db.ticket.create({
      data: {
        customerName: "Kim",
        customerEmail: "kim@example.com",
        channel: "EMAIL",
        status: "APPROVED",
        decision: "REVIEW",
        checks: [],
        createdById: people.me!.id,
        deviceId: device.id,
        serial: device.serial,
      },
    });
    await t.db.approval.create({
      data: { ticketId: ticket.id, supervisorId: people.admin!.id, decision: "APPROVE", reason: "older approval", createdAt: new Date(1_000) },
    });
    await t.db.approval.create({ data: { ticketId: ticket.id, supervisorId: people.supervisor!.id, decision: "APPROVE", reason: "latest approval" } });
    expect(await loadSendFacts(t.db, ticket.id)).toEqual({
      status: "APPROVED",
      expiresAt: null,
      challenge: null,
      device: { status: "STOLEN", hasOwner: true },
      approverId: people.supervisor!.id,
      approverGranterIds: [],
      issued: false,
    });
    expect(await loadSendFacts(t.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
