import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REVIEW_CHECKS, seedStaff, seedTicket } from "@/lib/audit/testing/seed-tickets";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { DAY_MS, utcDay } from "@/lib/time";
import type { CheckResult } from "@/lib/tickets/checks/types";
import { dailyRisk } from "./daily-risk";
import { handleTimes, reviewTime } from "./handle-times";
import { loadDashboard } from "./load-dashboard";
import { windowStart } from "./window";

const check = (id: CheckResult["id"]): CheckResult => ({ check: "device", id, outcome: "refuse", label: "Recorder", reason: "Registry status." });
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe.each(ENGINES)("dashboard metrics on %s", (engine) => {
  let t: TestDatabase;
  const now = new Date();
  // Noon UTC two days ago: inside the window whatever the time of day now.
  const twoDaysAgo = new Date(windowStart(now, 3).getTime() + DAY_MS / 2);
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("handle time per agent (opened → first code sent) as p50 and p90, only over tickets that got a code in the window", async () => {
    const ann = await seedStaff(t.db, "AGENT", "Ann");
    const bob = await seedStaff(t.db, "AGENT", "Bob");
    for (const seconds of [60, 120, 600])
      await seedTicket(t.db, { createdById: ann.id, status: "SENT", decision: "ISSUE", createdAt: twoDaysAgo, firstSentAt: at(twoDaysAgo, seconds) });
    await seedTicket(t.db, { createdById: bob.id, status: "SENT", decision: "ISSUE", createdAt: twoDaysAgo, firstSentAt: at(twoDaysAgo, 300) });
    // Not sent, and sent but opened before the window: neither counts.
    await seedTicket(t.db, { createdById: bob.id, status: "READY", decision: "ISSUE", createdAt: twoDaysAgo });
    const old = new Date(now.getTime() - 60 * DAY_MS);
    await seedTicket(t.db, { createdById: bob.id, status: "SENT", decision: "ISSUE", createdAt: old, firstSentAt: at(old, 5) });

    const rows = await handleTimes({ db: t.db, since: windowStart(now, 30) });
    expect(rows).toEqual([
      { agentId: ann.id, name: "Ann", sent: 3, p50Seconds: 120, p90Seconds: 504 },
      { agentId: bob.id, name: "Bob", sent: 1, p50Seconds: 300, p90Seconds: 300 },
    ]);
  });

  it("time in review: from opening (sent to review by the checks) to the first supervisor decision; and how many wait now", async () => {
    const agent = await seedStaff(t.db, "AGENT");
    const sup = await seedStaff(t.db, "SUPERVISOR");
    const before = await reviewTime({ db: t.db, since: windowStart(now, 30) });
    const a = await seedTicket(t.db, { createdById: agent.id, status: "APPROVED", createdAt: twoDaysAgo });
    const b = await seedTicket(t.db, { createdById: agent.id, status: "REFUSED", createdAt: twoDaysAgo });
    await seedTicket(t.db, { createdById: agent.id, status: "REVIEW", createdAt: twoDaysAgo });
    await t.db.approval.createMany({
      data: [
        { ticketId: a.id, supervisorId: sup.id, decision: "APPROVE", reason: "", createdAt: at(twoDaysAgo, 100) },
        // A later decision on the same ticket does not lengthen its time in review.
        { ticketId: a.id, supervisorId: sup.id, decision: "APPROVE", reason: "", createdAt: at(twoDaysAgo, 5000) },
        { ticketId: b.id, supervisorId: sup.id, decision: "REFUSE", reason: "No proof of ownership.", createdAt: at(twoDaysAgo, 300) },
      ],
    });
    const review = await reviewTime({ db: t.db, since: windowStart(now, 30) });
    expect(before.decided).toBe(0);
    expect(review).toEqual({ decided: 2, p50Seconds: 200, p90Seconds: 280, waiting: before.waiting + 1 });
  });

  it("stolen and blocked hits and escalations per UTC day, zero-filled, and all of it in the dashboard", async () => {
    const agent = await seedStaff(t.db, "AGENT");
    const stolen = await seedTicket(t.db, {
      createdById: agent.id,
      status: "REFUSED",
      decision: "REFUSE",
      createdAt: twoDaysAgo,
      checks: [...REVIEW_CHECKS, check("DEVICE_STOLEN")],
    });
    await seedTicket(t.db, { createdById: agent.id, status: "REFUSED", decision: "REFUSE", createdAt: now, checks: [check("DEVICE_BLOCKED")] });
    await seedTicket(t.db, { createdById: agent.id, status: "REFUSED", decision: "REFUSE", createdAt: now, checks: [check("DEVICE_BLOCKED")] });
    await t.db.escalation.create({ data: { ticketId: stolen.id, kind: "STOLEN", createdById: agent.id, createdAt: at(twoDaysAgo, 60) } });

    const days = await dailyRisk({ db: t.db, now, days: 30 });
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: utcDay(now), stolen: 0, blocked: 2, escalations: 0 });
    expect(days.find((d) => d.day === utcDay(twoDaysAgo))).toEqual({ day: utcDay(twoDaysAgo), stolen: 1, blocked: 0, escalations: 1 });
    expect(days.reduce((n, d) => n + d.stolen + d.blocked + d.escalations, 0)).toBe(4);

    const dashboard = await loadDashboard({ db: t.db, now });
    expect(dashboard.risk).toEqual(days);
    expect(dashboard.handleTimes.map((a) => a.name)).toEqual(["Ann", "Bob"]);
    expect(dashboard.reviewTime.decided).toBe(2);
  });
});
