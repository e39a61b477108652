import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { lockAuditChain } from "./lock-audit-chain";
import { recordAnonymousRefusal } from "./record-anonymous-refusal";
import { REFUSAL_WINDOW_MS, REFUSALS_AUDITED_PER_WINDOW, REFUSALS_SUMMARY_ACTION, refusalWindowStart } from "./refusal-window";
import { summariseRefusals } from "./summarise-refusals";
import { verifyAuditChain } from "./verify-chain";

// Every test has windows of its own, later than the ones before, a year ahead so that
// recordAudit's own look for closed windows (on the real clock) never closes them mid-test.
const BASE = refusalWindowStart(new Date(Date.now() + 365 * 24 * 3600 * 1000)).getTime();
const inWindow = (window: number, offsetMs = 0) => new Date(BASE + window * REFUSAL_WINDOW_MS + offsetMs);

type SummaryDetails = {
  refusedAction: string;
  reason?: string;
  reasons?: string[];
  more: number;
  total: number;
  from: string;
  to: string;
  ips?: number;
  topIps?: string[];
  overBudget?: boolean;
};

function refuse(db: Db, ip: string, at: Date, reason = "action:setUserActive") {
  return recordAnonymousRefusal({ db, action: "auth.denied", reason, ip, details: { what: reason, required: "ADMIN", role: null }, now: at });
}

function closeWindowsBefore(db: Db, now: Date) {
  return db.$transaction(async (tx) => {
    await lockAuditChain(tx);
    return summariseRefusals(tx, now);
  });
}

async function eventsFrom(db: Db, ip: string) {
  const rows = await db.auditEvent.findMany({ where: { ip }, orderBy: { seq: "asc" } });
  return rows.map((e) => ({ action: e.action, actorId: e.actorId, details: e.details as unknown as SummaryDetails & { what?: string } }));
}

describe.each(ENGINES)("anonymous refusals on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
  });
  afterAll(() => t.close());

  it("a flood from one IP, even in parallel, writes exactly two chain events and keeps the count", async () => {
    const flood = 60;
    const ip = "203.0.113.10";
    const outcomes = await Promise.all(Array.from({ length: flood }, (_, i) => refuse(t.db, ip, inWindow(0, 1000 + i * 1000))));
    expect(outcomes.filter((o) => o === "audited")).toHaveLength(1);
    const first = await eventsFrom(t.db, ip);
    expect(first).toEqual([{ action: "auth.denied", actorId: null, details: { what: "action:setUserActive", required: "ADMIN", role: null } }]);
    // The rest are counted outside the chain, visible until the window closes.
    expect(await t.db.refusalTally.findMany({ where: { ip }, select: { count: true, audited: true } })).toEqual([{ count: flood, audited: true }]);

    expect(await closeWindowsBefore(t.db, inWindow(1))).toBe(1);
    const events = await eventsFrom(t.db, ip);
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ action: REFUSALS_SUMMARY_ACTION, actorId: null });
    expect(events[1]!.details).toEqual({
      refusedAction: "auth.denied",
      reason: "action:setUserActive",
      more: flood - 1,
      total: flood,
      from: inWindow(0, 1000).toISOString(),
      to: inWindow(0, flood * 1000).toISOString(),
      windowStart: inWindow(0).toISOString(),
      windowEnd: inWindow(1).toISOString(),
    });
    expect(await t.db.refusalTally.count({ where: { windowStart: { lte: inWindow(0) } } })).toBe(0);
    // Summarising again finds nothing: each count reaches the chain once.
    expect(await closeWindowsBefore(t.db, inWindow(1))).toBe(0);
  });

  it("the next window's first refusal writes the closed window's summary before itself", async () => {
    const ip = "203.0.113.11";
    for (let i = 0; i < 10; i++) await refuse(t.db, ip, inWindow(2, i * 1000));
    expect(await eventsFrom(t.db, ip)).toHaveLength(1);
    expect(await refuse(t.db, ip, inWindow(3, 5000))).toBe("audited");
    const events = await eventsFrom(t.db, ip);
    expect(events.map((e) => e.action)).toEqual(["auth.denied", REFUSALS_SUMMARY_ACTION, "auth.denied"]);
    expect(events[1]!.details).toMatchObject({ more: 9, total: 10 });
  });

  it("different IPs and different reasons are counted and summarised apart", async () => {
    const [a, b] = ["198.51.100.21", "198.51.100.22"];
    for (let i = 0; i < 5; i++) await refuse(t.db, a, inWindow(4, i));
    for (let i = 0; i < 3; i++) await refuse(t.db, b, inWindow(4, i));
    for (let i = 0; i < 2; i++) await refuse(t.db, a, inWindow(4, i), "route:/api/v1/admin/users");
    expect((await eventsFrom(t.db, a)).map((e) => e.details.what)).toEqual(["action:setUserActive", "route:/api/v1/admin/users"]);
    expect((await eventsFrom(t.db, b)).map((e) => e.details.what)).toEqual(["action:setUserActive"]);

    expect(await closeWindowsBefore(t.db, inWindow(5))).toBe(3);
    const summaries = async (ip: string) =>
      (await eventsFrom(t.db, ip)).filter((e) => e.action === REFUSALS_SUMMARY_ACTION).map((e) => [e.details.reason, e.details.more]);
    expect(await summaries(a)).toEqual([
      ["action:setUserActive", 4],
      ["route:/api/v1/admin/users", 1],
    ]);
    expect(await summaries(b)).toEqual([["action:setUserActive", 2]]);
  });

  it("in total: past the window's budget, further IPs are only counted, in one summary per action", async () => {
    const extra = 20;
    const perIp = 3;
    const ips = Array.from({ length: REFUSALS_AUDITED_PER_WINDOW + extra }, (_, i) => `192.0.2.${i + 1}`);
    const before = await t.db.auditEvent.count();
    for (const ip of ips) for (let i = 0; i < perIp; i++) await refuse(t.db, ip, inWindow(6, i * 1000));
    // One event per IP while the budget lasts, then none.
    expect(await t.db.auditEvent.count()).toBe(before + REFUSALS_AUDITED_PER_WINDOW);

    await closeWindowsBefore(t.db, inWindow(7));
    const written = await t.db.auditEvent.findMany({ where: { seq: { gt: BigInt(before) } }, orderBy: { seq: "asc" } });
    expect(written).toHaveLength(2 * REFUSALS_AUDITED_PER_WINDOW + 1);
    const overflow = written.filter((e) => e.ip === null);
    expect(overflow).toHaveLength(1);
    expect(overflow[0]!.details).toMatchObject({
      overBudget: true,
      refusedAction: "auth.denied",
      more: extra * perIp,
      total: extra * perIp,
      ips: extra,
      reasons: ["action:setUserActive"],
    });
    expect((overflow[0]!.details as unknown as SummaryDetails).topIps).toHaveLength(10);
    // Every refusal is accounted for exactly once: audited on its own or counted in a summary.
    const counted = written.reduce((sum, e) => sum + (e.action === REFUSALS_SUMMARY_ACTION ? (e.details as unknown as SummaryDetails).more : 1), 0);
    expect(counted).toBe(ips.length * perIp);
  });

  it("the chain with the summaries in it still verifies", async () => {
    const report = await verifyAuditChain({ db: t.db, batchSize: 17 });
    expect(report).toMatchObject({ ok: true, checked: await t.db.auditEvent.count() });
  });
});
