import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { DAY_MS } from "@/lib/time";
import { seedStaff, seedTicket } from "../testing/seed-tickets";
import { APPROVAL_PAIR_MIN, findAnomalies, REPEAT_WINDOW_DAYS } from "./find-anomalies";

// The two "worth a look" lists stopped scanning the ticket table: codes per recorder read the
// serial copied onto CodeIssue, requesters per email count distinct pairs. This pins both to
// what the earlier queries (a join to Ticket, count(DISTINCT)) returned, row for row and in order.
describe.each(ENGINES)("findAnomalies on %s", (engine) => {
  let t: TestDatabase;
  const now = new Date(Date.UTC(2026, 4, 20, 15, 0, 0));
  const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("matches the join and count(DISTINCT) queries it replaced", async () => {
    const agent = await seedStaff(t.db, "AGENT");
    // Requesters: emails in mixed case, repeated serials, null serials and one ticket before the window.
    const requests: [email: string, serial: string | null, days: number][] = [
      ["Many@Req.test", "REQ-A1", 1],
      ["many@req.test", "REQ-A2", 2],
      ["MANY@REQ.TEST", "REQ-A3", 3],
      ["many@req.test", "REQ-A3", 4],
      ["many@req.test", "REQ-A4", 5],
      ["three@req.test", "REQ-B1", 1],
      ["three@req.test", "REQ-B2", 1],
      ["three@req.test", "REQ-B3", 1],
      ["three@req.test", null, 1],
      ["tied@req.test", "REQ-C1", 1],
      ["tied@req.test", "REQ-C2", 1],
      ["tied@req.test", "REQ-C3", 1],
      ["two@req.test", "REQ-D1", 1],
      ["two@req.test", "REQ-D2", 1],
      ["two@req.test", "REQ-D3", REPEAT_WINDOW_DAYS + 1],
    ];
    for (const [customerEmail, serial, days] of requests) await seedTicket(t.db, { createdById: agent.id, customerEmail, serial, createdAt: daysAgo(days) });
    // Codes per recorder: first issues and resends, one issue before the window, one ticket without a serial.
    const issues: [serial: string | null, count: number, days: number][] = [
      ["DEV-4", 4, 2],
      ["DEV-3A", 3, 10],
      ["DEV-3B", 3, 1],
      ["DEV-2", 2, 1],
      ["DEV-OLD", 2, 1],
      ["DEV-OLD", 1, REPEAT_WINDOW_DAYS + 2],
      [null, 3, 1],
    ];
    for (const [serial, count, days] of issues) {
      const ticket = await seedTicket(t.db, {
        createdById: agent.id,
        customerEmail: `owner-${serial}@dev.test`,
        serial,
        createdAt: daysAgo(days + 1),
        status: "SENT",
        decision: "ISSUE",
      });
      for (let i = 0; i < count; i++) {
        await t.db.codeIssue.create({
          data: { ticketId: ticket.id, serial, kind: i === 0 ? "FIRST" : "RESEND", destination: "owner@dev.test", actorId: agent.id, issuedAt: daysAgo(days) },
        });
      }
    }

    const got = await findAnomalies({ db: t.db, now });
    const monthAgo = daysAgo(REPEAT_WINDOW_DAYS);
    const joined = await t.db.$queryRaw<{ serial: string; issues: number }[]>`
      SELECT t."serial" AS "serial", count(*)::int AS "issues"
      FROM "CodeIssue" c JOIN "Ticket" t ON t."id" = c."ticketId"
      WHERE c."issuedAt" >= ${monthAgo}::timestamptz AND t."serial" IS NOT NULL
      GROUP BY t."serial" HAVING count(*) >= 3
      ORDER BY count(*) DESC, t."serial" LIMIT 50`;
    const distinct = await t.db.$queryRaw<{ email: string; serials: number }[]>`
      SELECT lower(t."customerEmail") AS "email", count(DISTINCT t."serial")::int AS "serials"
      FROM "Ticket" t
      WHERE t."createdAt" >= ${monthAgo}::timestamptz AND t."serial" IS NOT NULL
      GROUP BY lower(t."customerEmail") HAVING count(DISTINCT t."serial") >= 3
      ORDER BY count(DISTINCT t."serial") DESC, 1 LIMIT 50`;

    expect(got.repeatDevices).toEqual(joined);
    expect(got.busyRequesters).toEqual(distinct);
    expect(got.repeatDevices).toEqual([
      { serial: "DEV-4", issues: 4 },
      { serial: "DEV-3A", issues: 3 },
      { serial: "DEV-3B", issues: 3 },
    ]);
    expect(got.busyRequesters).toEqual([
      { email: "many@req.test", serials: 4 },
      { email: "three@req.test", serials: 3 },
      { email: "tied@req.test", serials: 3 },
    ]);
  });
  it("flags a requester → approver pair that recurs in the window, not one below the threshold, an old one or refusals", async () => {
    const requester = await seedStaff(t.db, "AGENT", "Pair Requester");
    const partner = await seedStaff(t.db, "SUPERVISOR", "Pair Partner");
    const other = await seedStaff(t.db, "SUPERVISOR", "Pair Other");
    const approve = async (supervisorId: string, days: number, decision: "APPROVE" | "REFUSE" = "APPROVE") => {
      const ticket = await seedTicket(t.db, { createdById: requester.id });
      await t.db.approval.create({ data: { ticketId: ticket.id, supervisorId, decision, reason: "verified by phone", createdAt: daysAgo(days) } });
    };
    for (let i = 0; i < APPROVAL_PAIR_MIN; i++) await approve(partner.id, 1 + i);
    for (let i = 0; i < APPROVAL_PAIR_MIN - 1; i++) await approve(other.id, 1);
    await approve(other.id, REPEAT_WINDOW_DAYS + 1);
    await approve(other.id, 1, "REFUSE");
    const { recurringPairs } = await findAnomalies({ db: t.db, now });
    expect(recurringPairs).toEqual([
      { requesterId: requester.id, requester: "Pair Requester", approverId: partner.id, approver: "Pair Partner", approvals: APPROVAL_PAIR_MIN },
    ]);
  });
});
