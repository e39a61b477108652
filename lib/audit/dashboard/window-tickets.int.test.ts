import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, seedTicket } from "../testing/seed-tickets";
import { windowStart } from "./window";
import { windowTickets } from "./window-tickets";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";

// windowTickets replaced three queries (tickets per day, decisions, per-agent table) with one
// GROUPING SETS scan; this pins it to what those queries returned, row for row and in order.
describe.each(ENGINES)("windowTickets on %s", (engine) => {
  let t: TestDatabase;
  const now = new Date(Date.UTC(2026, 4, 20, 15, 0, 0));
  const since = windowStart(now, 30);
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("matches the separate per-day, per-decision and per-agent queries", async () => {
    const staff = [await seedStaff(t.db, "AGENT", "Bo"), await seedStaff(t.db, "AGENT", "Al"), await seedStaff(t.db, "SUPERVISOR", "Cy")];
    const kinds = [
      { status: "SENT", decision: "ISSUE" },
      { status: "REVIEW", decision: "REVIEW" },
      { status: "REFUSED", decision: "REFUSE" },
      { status: "REFUSED", decision: "REVIEW" },
      { status: "READY", decision: "ISSUE" },
    ] as const;
    // Around the window's first midnight and today's, spread over agents, with Bo and Al tied.
    const offsets = [-3_600_000, 0, 1, 3_600_000, 5 * 86_400_000, 29 * 86_400_000 + 3_600_000];
    let i = 0;
    for (const offset of offsets) {
      for (const kind of kinds) {
        const createdAt = new Date(since.getTime() + offset);
        const agent = staff[i++ % 2 === 0 ? 0 : 1]!;
        await seedTicket(t.db, {
          createdById: agent.id,
          createdAt,
          ...kind,
          firstSentAt: kind.status === "SENT" ? new Date(createdAt.getTime() + 60_000) : null,
        });
      }
    }
    await seedTicket(t.db, { createdById: staff[2]!.id, createdAt: new Date(since.getTime() + 86_400_000), status: "APPROVED", decision: "REVIEW" });
    await seedTicket(t.db, {
      createdById: staff[0]!.id,
      createdAt: new Date(since.getTime() + 2 * 86_400_000),
      status: "SENT",
      decision: "ISSUE",
      firstSentAt: new Date(since.getTime() + 2 * 86_400_000),
    });

    const got = await windowTickets({ db: t.db, since });
    const perDay = await t.db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char(("createdAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS "day", count(*)::int AS "n"
      FROM "Ticket" WHERE "createdAt" >= ${since}::timestamptz GROUP BY 1`;
    const perDecision = await t.db.$queryRaw<{ decision: "ISSUE" | "REVIEW" | "REFUSE"; n: number }[]>`
      SELECT "decision"::text AS "decision", count(*)::int AS "n" FROM "Ticket"
      WHERE "createdAt" >= ${since}::timestamptz GROUP BY 1`;
    const perAgent = await t.db.$queryRaw<{ agentId: string; name: string; tickets: number; issued: number; refused: number; review: number }[]>`
      SELECT t."createdById" AS "agentId", u."name" AS "name", count(*)::int AS "tickets",
             count(*) FILTER (WHERE t."firstSentAt" IS NOT NULL)::int AS "issued",
             count(*) FILTER (WHERE t."status" = 'REFUSED' OR t."decision" = 'REFUSE')::int AS "refused",
             count(*) FILTER (WHERE t."decision" = 'REVIEW')::int AS "review"
      FROM "Ticket" t JOIN "User" u ON u."id" = t."createdById"
      WHERE t."createdAt" >= ${since}::timestamptz
      GROUP BY t."createdById", u."name"
      ORDER BY count(*) DESC, u."name" ASC`;

    expect(Object.fromEntries(got.ticketsByDay)).toEqual(Object.fromEntries(perDay.map((r) => [r.day, r.n])));
    expect(got.decisions).toEqual({ ISSUE: 0, REVIEW: 0, REFUSE: 0, ...Object.fromEntries(perDecision.map((r) => [r.decision, r.n])) });
    expect(got.agents).toEqual(perAgent.map((r) => ({ ...r, reviewRate: r.tickets ? r.review / r.tickets : 0 })));
    // The ticket an hour before the window is out; Al and Bo tie at 12 and sort by name.
    expect(got.agents.map((a) => [a.name, a.tickets])).toEqual([
      ["Al", 13],
      ["Bo", 13],
      ["Cy", 1],
    ]);
    expect(got.ticketsByDay.get(since.toISOString().slice(0, 10))).toBe(15);
  });
});
