import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createUser } from "@/lib/users/create-user";
import { authenticate } from "./authenticate";
import { REFUSAL_WINDOW_MS, REFUSALS_SUMMARY_ACTION, refusalWindowStart } from "@/lib/audit/refusal-window";
import { UNKNOWN_IP } from "@/lib/http/client-ip";
import {
  ACCOUNT_CAP_WINDOW_MS,
  ACCOUNT_FAILURE_CAP,
  BASE_DELAY_MS,
  IP_FREE_FAILURES,
  MAX_DELAY_MS,
  PAIR_FREE_FAILURES,
  throttleDelayMs,
  throttleKeys,
} from "./throttle";

describe.each(ENGINES)("authenticate on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await createUser({ db: t.db, email: "Agent@Example.test", name: "Agent", role: "AGENT", password: "correct horse battery" });
    await createUser({ db: t.db, email: "gone@example.test", name: "Gone", role: "AGENT", password: "correct horse battery" });
    await t.db.user.update({ where: { email: "gone@example.test" }, data: { active: false } });
  });
  afterAll(() => t.close());

  it("signs in with the right password (email case-insensitive) and opens a session row", async () => {
    const result = await authenticate({ db: t.db, email: " AGENT@example.test ", password: "correct horse battery", ip: "10.0.0.1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const session = await t.db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session.userId).toBe(result.userId);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeLessThanOrEqual(12 * 3600 * 1000 + 1000);
    const audit = await t.db.auditEvent.findFirst({ where: { action: "auth.sign_in" } });
    expect(audit?.actorId).toBe(result.userId);
  });

  it("answers unknown account, wrong password and disabled account identically", async () => {
    const answers = await Promise.all([
      authenticate({ db: t.db, email: "nobody@example.test", password: "whatever-else", ip: "10.0.0.2" }),
      authenticate({ db: t.db, email: "agent@example.test", password: "wrong password", ip: "10.0.0.3" }),
      authenticate({ db: t.db, email: "gone@example.test", password: "correct horse battery", ip: "10.0.0.4" }),
    ]);
    expect(answers).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
    const failures = await t.db.auditEvent.findMany({ where: { action: "auth.sign_in_failed" } });
    expect(failures).toHaveLength(3);
    // The audit keeps a masked address, never the whole one.
    expect(failures.map((f) => (f.details as { email: string }).email).sort()).toEqual(["a***t@example.test", "g***e@example.test", "n***y@example.test"]);
  });

  it("slows down guesses on one account from one address with a growing wait; the right password from another address still works", async () => {
    const email = "slowed@example.test";
    await createUser({ db: t.db, email, name: "Slowed", role: "AGENT", password: "right password here" });
    const start = new Date("2026-11-01T10:00:00Z");
    const ip = "10.1.0.1";
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await authenticate({ db: t.db, email, password: `wrong ${i}`, ip, now: start })).toEqual({ ok: false, reason: "invalid" });
    }
    // The wait after the free failures, then doubled after each further one.
    const waits: number[] = [];
    let now = start;
    for (let i = 0; i < 3; i++) {
      const refused = await authenticate({ db: t.db, email, password: "right password here", ip, now });
      expect(refused).toMatchObject({ ok: false, reason: "throttled" });
      if (refused.ok || refused.reason !== "throttled") throw new Error("expected a wait");
      waits.push(refused.retryAfterSeconds);
      now = new Date(now.getTime() + refused.retryAfterSeconds * 1000);
      expect(await authenticate({ db: t.db, email, password: `wrong again ${i}`, ip, now })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(waits).toEqual([BASE_DELAY_MS / 1000, (2 * BASE_DELAY_MS) / 1000, (4 * BASE_DELAY_MS) / 1000]);
    expect(throttleDelayMs(200, PAIR_FREE_FAILURES)).toBe(MAX_DELAY_MS);
    // The owner, elsewhere, is not held up; and once the wait is over, here too.
    expect((await authenticate({ db: t.db, email, password: "right password here", ip: "10.1.9.9", now })).ok).toBe(true);
    const later = new Date(now.getTime() + 8 * BASE_DELAY_MS);
    expect((await authenticate({ db: t.db, email, password: "right password here", ip, now: later })).ok).toBe(true);
  });

  it("stops guessing at the account's failure cap (from any addresses) until an admin clears it", async () => {
    const email = "capped@example.test";
    await createUser({ db: t.db, email, name: "Capped", role: "AGENT", password: "right password here" });
    const now = new Date("2026-11-05T10:00:00Z");
    // Spread over many addresses, as a botnet would: no address ever waits.
    for (let i = 0; i < ACCOUNT_FAILURE_CAP; i++) {
      expect(await authenticate({ db: t.db, email, password: `guess ${i}`, ip: `10.5.${Math.floor(i / 2)}.${i % 2}`, now })).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    expect(await authenticate({ db: t.db, email, password: "right password here", ip: "10.6.0.1", now })).toEqual({ ok: false, reason: "locked" });
    // It does not wear off by itself.
    const monthsLater = new Date(now.getTime() + 2 * ACCOUNT_CAP_WINDOW_MS);
    expect(await authenticate({ db: t.db, email, password: "right password here", ip: "10.6.0.2", now: monthsLater })).toEqual({ ok: false, reason: "locked" });
    await t.db.signInThrottle.deleteMany({ where: { key: throttleKeys(email, "").account } });
    expect((await authenticate({ db: t.db, email, password: "right password here", ip: "10.6.0.2", now: monthsLater })).ok).toBe(true);
  });

  it("parallel guesses cannot slip through the free attempts", async () => {
    const email = "parallel@example.test";
    await createUser({ db: t.db, email, name: "Parallel", role: "AGENT", password: "right password here" });
    const now = new Date("2026-11-03T10:00:00Z");
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => authenticate({ db: t.db, email, password: `guess ${i}`, ip: "10.2.0.1", now })));
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(PAIR_FREE_FAILURES);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(12 - PAIR_FREE_FAILURES);
  });

  it("slows down a client address that sprays many accounts, not the accounts elsewhere; an unknown address has no shared counter", async () => {
    const now = new Date("2026-11-02T10:00:00Z");
    for (let i = 0; i <= IP_FREE_FAILURES; i++) await authenticate({ db: t.db, email: `spray${i}@example.test`, password: "x", ip: "203.0.113.9", now });
    expect(await authenticate({ db: t.db, email: "agent@example.test", password: "correct horse battery", ip: "203.0.113.9", now })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect((await authenticate({ db: t.db, email: "agent@example.test", password: "correct horse battery", ip: "198.51.100.1", now })).ok).toBe(true);
    for (let i = 0; i < IP_FREE_FAILURES; i++) await authenticate({ db: t.db, email: `spray-unknown${i}@example.test`, password: "x", ip: UNKNOWN_IP, now });
    expect((await authenticate({ db: t.db, email: "agent@example.test", password: "correct horse battery", ip: UNKNOWN_IP, now })).ok).toBe(true);
  });

  it("a locked client that keeps trying is refused each time, audited once per window, and counted", async () => {
    const email = "hammered@example.test";
    const ip = "203.0.113.44";
    // A year ahead, so recordAudit's own look for closed windows (real clock) leaves this one open.
    const now = new Date(refusalWindowStart(new Date(Date.now() + 365 * 24 * 3600 * 1000)).getTime() + 1000);
    // An account at its failure cap (the test's shortcut for 100 failures).
    await t.db.signInThrottle.create({ data: { key: throttleKeys(email, ip).account, failures: ACCOUNT_FAILURE_CAP, windowStart: now } });
    const attempts = 40;
    for (let i = 0; i < attempts; i++) expect(await authenticate({ db: t.db, email, password: "x", ip, now })).toEqual({ ok: false, reason: "locked" });
    const throttled = await t.db.auditEvent.findMany({ where: { action: "auth.sign_in_throttled", ip } });
    expect(throttled.map((e) => e.details)).toEqual([{ email: "h***d@example.test" }]);
    expect(await t.db.refusalTally.findMany({ where: { ip }, select: { action: true, count: true } })).toEqual([
      { action: "auth.sign_in_throttled", count: attempts },
    ]);
    // The next window's first refusal brings the count into the chain.
    await authenticate({ db: t.db, email, password: "x", ip, now: new Date(now.getTime() + REFUSAL_WINDOW_MS) });
    const summary = await t.db.auditEvent.findFirstOrThrow({ where: { action: REFUSALS_SUMMARY_ACTION, ip } });
    expect(summary.details).toMatchObject({ refusedAction: "auth.sign_in_throttled", reason: "locked", more: attempts - 1, total: attempts });
  });
});
