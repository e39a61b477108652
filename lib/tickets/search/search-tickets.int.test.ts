import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, seedTicket } from "@/lib/audit/testing/seed-tickets";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import type { TicketActor } from "../rules";
import { viewScope } from "../rules";
import { viewScopeSql } from "./search-tickets";
import { directHit, searchTickets } from "./search-tickets";

const actor = (u: { id: string; role: TicketActor["role"] }) => ({ id: u.id, role: u.role });

describe.each(ENGINES)("ticket search on %s", (engine) => {
  let t: TestDatabase;
  let agent: { id: string; role: "AGENT" };
  let other: { id: string; role: "AGENT" };
  let supervisor: { id: string; role: "SUPERVISOR" };
  const ticket: Record<string, { id: string; number: number }> = {};
  const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12));

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    agent = actor(await seedStaff(t.db, "AGENT")) as typeof agent;
    other = actor(await seedStaff(t.db, "AGENT")) as typeof other;
    supervisor = actor(await seedStaff(t.db, "SUPERVISOR")) as typeof supervisor;
    const seed = async (key: string, data: Parameters<typeof seedTicket>[1] & { assigneeId?: string }) => {
      const { assigneeId, ...rest } = data;
      const row = await seedTicket(t.db, rest);
      ticket[key] = assigneeId ? await t.db.ticket.update({ where: { id: row.id }, data: { assigneeId } }) : row;
    };
    await seed("zoe", { createdById: agent.id, customerName: "Zoë Brontë", customerEmail: "zoe@example.com", serial: "NVR8-2411-000123", createdAt: day(1) });
    await seed("zoePlain", {
      createdById: agent.id,
      customerName: "ZOE BRONTE",
      customerEmail: "z.bronte@example.org",
      serial: "NVR8-2411-000999",
      createdAt: day(2),
    });
    await seed("jose", {
      createdById: agent.id,
      customerName: "José Álvarez",
      customerEmail: "jose@correo.example",
      serial: "DVR4-2502-004711",
      createdAt: day(3),
    });
    // Another agent's ticket, assigned to them: outside the first agent's scope.
    await seed("hidden", {
      createdById: other.id,
      assigneeId: other.id,
      customerName: "Zoe Hidden",
      customerEmail: "zoe.hidden@example.com",
      serial: "NVR8-2411-000777",
      createdAt: day(4),
    });
    // Another agent's unassigned ticket: the team's, so every agent sees it.
    await seed("shared", {
      createdById: other.id,
      customerName: "Ann Shared",
      customerEmail: "ann@shared.example",
      serial: "XVR1-0001-000001",
      createdAt: day(5),
    });
    // Opened by another agent, assigned to the first: in the first agent's scope.
    await seed("assigned", {
      createdById: other.id,
      assigneeId: agent.id,
      customerName: "Bo Assigned",
      customerEmail: "bo@assigned.example",
      serial: "XVR1-0001-000002",
      createdAt: day(6),
    });
    await seed("digits", { createdById: agent.id, customerName: "Shop Unit 7B", customerEmail: "shop@unit.example", serial: null, createdAt: day(8) });
    await seed("wild", { createdById: agent.id, customerName: "Percy Sure_Thing", customerEmail: "percy@example.net", serial: null, createdAt: day(7) });
  });
  afterAll(() => t.close());

  const search = (q: string, who: { id: string; role: TicketActor["role"] } = supervisor) => searchTickets({ db: t.db, actor: who, q });

  it("finds a ticket by its RT number in every form people write it", async () => {
    const { number } = ticket.jose!;
    const padded = `RT-${String(number).padStart(6, "0")}`;
    for (const q of [padded, padded.toLowerCase(), `rt-${number}`, `RT ${number}`, `#${number}`, String(number)]) {
      const result = await search(q);
      expect(result.hits[0], q).toMatchObject({ id: ticket.jose!.id, match: "number", ref: padded });
      expect(directHit(result)?.id, q).toBe(ticket.jose!.id);
    }
  });

  it("an RT number that does not exist finds nothing", async () => {
    expect((await search("RT-999999")).hits).toEqual([]);
  });

  it("finds by a serial or a prefix of it, case-insensitively, the exact serial first", async () => {
    expect((await search("nvr8-2411-000123")).hits.map((h) => h.id)).toEqual([ticket.zoe!.id]);
    const prefix = await search("nvr8-2411");
    expect(prefix.hits.map((h) => h.id).sort()).toEqual([ticket.zoe!.id, ticket.zoePlain!.id, ticket.hidden!.id].sort());
    expect(prefix.hits.every((h) => h.match === "serial")).toBe(true);
    const exact = await search("NVR8-2411-000123");
    expect(exact.hits[0]).toMatchObject({ id: ticket.zoe!.id, match: "serial", exact: true });
    expect(directHit(exact)).toBeNull();
  });

  it("finds by customer email or a prefix of it, and shows the email masked", async () => {
    const hits = (await search("ZOE@EXAMPLE.COM")).hits;
    expect(hits[0]).toMatchObject({ id: ticket.zoe!.id, match: "email", exact: true, customerEmail: "z***e@example.com" });
    const prefix = (await search("jose@")).hits;
    expect(prefix.map((h) => h.id)).toEqual([ticket.jose!.id]);
  });

  it("finds by a fragment of the name, ignoring case and accents in both directions", async () => {
    const both = [ticket.zoe!.id, ticket.zoePlain!.id, ticket.hidden!.id].sort();
    for (const q of ["Zoë", "zoe", "ZOE", "zoë", "ZOË"]) {
      const hits = (await search(q)).hits;
      expect(hits.map((h) => h.id).sort(), q).toEqual(both);
    }
    expect((await search("bronte")).hits.map((h) => h.id).sort()).toEqual([ticket.zoe!.id, ticket.zoePlain!.id].sort());
    expect((await search("BRONTË")).hits.map((h) => h.id).sort()).toEqual([ticket.zoe!.id, ticket.zoePlain!.id].sort());
    expect((await search("alva")).hits.map((h) => h.id)).toEqual([ticket.jose!.id]);
    expect((await search("ÁLVAREZ")).hits.map((h) => h.id)).toEqual([ticket.jose!.id]);
  });

  it("a name search that fills its limit from the newest tickets keeps the newest matches", async () => {
    // Two "bronte" tickets: with a limit of one, the first step alone answers, with the newer.
    const one = await searchTickets({ db: t.db, actor: supervisor, q: "bronte", limit: 1 });
    expect(one.hits.map((h) => h.id)).toEqual([ticket.zoePlain!.id]);
    const agentOne = await searchTickets({ db: t.db, actor: agent, q: "hidden", limit: 1 });
    expect(agentOne.hits).toEqual([]);
  });

  it("ranks an email prefix above a name fragment, then newest first", async () => {
    // "zoe" is the start of two emails and inside three names.
    const hits = (await search("zoe")).hits;
    expect(hits.map((h) => h.match)).toEqual(["email", "email", "name"]);
    expect(hits.map((h) => h.id)).toEqual([ticket.hidden!.id, ticket.zoe!.id, ticket.zoePlain!.id]);
  });

  it("finds a name holding digits", async () => {
    expect((await search("unit 7b")).hits.map((h) => h.id)).toEqual([ticket.digits!.id]);
  });

  it("treats LIKE wildcards as plain characters", async () => {
    expect((await search("sure_thing")).hits.map((h) => h.id)).toEqual([ticket.wild!.id]);
    // As wildcards, "_" would match the space in "Percy Sure" and "%" anything at all.
    expect((await search("y_s")).hits).toEqual([]);
    expect((await search("cy%sure")).hits).toEqual([]);
    expect((await search("y s")).hits.map((h) => h.id)).toEqual([ticket.wild!.id]);
    expect((await search("per_")).hits).toEqual([]);
    expect((await search("perc")).hits.map((h) => h.id)).toEqual([ticket.wild!.id]);
  });

  it("an agent never finds another agent's assigned ticket, by any kind of query", async () => {
    const hidden = ticket.hidden!;
    for (const q of [String(hidden.number), `RT-${hidden.number}`, "NVR8-2411-000777", "zoe.hidden@", "hidden", "zoe"]) {
      const ids = (await search(q, agent)).hits.map((h) => h.id);
      expect(ids, q).not.toContain(hidden.id);
    }
    expect((await search("NVR8-2411", agent)).hits.map((h) => h.id).sort()).toEqual([ticket.zoe!.id, ticket.zoePlain!.id].sort());
    // ...but finds the team's unassigned tickets and those assigned to them.
    expect((await search("ann@", agent)).hits.map((h) => h.id)).toEqual([ticket.shared!.id]);
    expect((await search(`RT-${ticket.assigned!.number}`, agent)).hits.map((h) => h.id)).toEqual([ticket.assigned!.id]);
    // The other agent does see it.
    expect((await search("NVR8-2411-000777", other)).hits.map((h) => h.id)).toEqual([hidden.id]);
  });

  it("too little to search for finds nothing and does not query", async () => {
    expect(await search("   ")).toEqual({ query: null, hits: [] });
  });

  it("the SQL scope and the query-builder scope agree for every role", async () => {
    for (const who of [agent, other, supervisor]) {
      const viaBuilder = (await t.db.ticket.findMany({ where: viewScope(who), select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await t.db.$queryRaw<{ id: string }[]>`SELECT t."id" FROM "Ticket" t WHERE ${viewScopeSql(who)}`).map((r) => r.id).sort();
      expect(viaSql).toEqual(viaBuilder);
    }
    expect((await t.db.ticket.findMany({ where: viewScope(agent) })).length).toBeLessThan(await t.db.ticket.count());
  });
});
