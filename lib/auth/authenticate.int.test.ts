import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createUser } from "@/lib/users/create-user";
import { authenticate } from "./authenticate";
import { REFUSAL_WINDOW_MS, REFUSALS_SUMMARY_ACTION, refusalWindowStart } from "@/lib/audit/refusal-window";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT, THROTTLE_LOCK_MS } from "./throttle";

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

  it("locks an account after repeated failures, even for the right password, and releases after the lock", async () => {
    const email = "locked@example.test";
    await createUser({ db: t.db, email, name: "Locked", role: "AGENT", password: "right password here" });
    const start = new Date("2026-11-01T10:00:00Z");
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect(await authenticate({ db: t.db, email, password: `wrong ${i}`, ip: `10.1.0.${i}`, now: start })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await authenticate({ db: t.db, email, password: "right password here", ip: "10.1.1.1", now: start })).toEqual({ ok: false, reason: "throttled" });
    const later = new Date(start.getTime() + THROTTLE_LOCK_MS + 1000);
    expect((await authenticate({ db: t.db, email, password: "right password here", ip: "10.1.1.1", now: later })).ok).toBe(true);
  });

  it("parallel guesses cannot slip under the account limit", async () => {
    const email = "parallel@example.test";
    await createUser({ db: t.db, email, name: "Parallel", role: "AGENT", password: "right password here" });
    const now = new Date("2026-11-03T10:00:00Z");
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => authenticate({ db: t.db, email, password: `guess ${i}`, ip: `10.2.0.${i}`, now })));
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(ACCOUNT_FAILURE_LIMIT);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(12 - ACCOUNT_FAILURE_LIMIT);
  });

  it("locks a client IP that sprays many accounts", async () => {
    const now = new Date("2026-11-02T10:00:00Z");
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) await authenticate({ db: t.db, email: `spray${i}@example.test`, password: "x", ip: "203.0.113.9", now });
    expect(await authenticate({ db: t.db, email: "agent@example.test", password: "correct horse battery", ip: "203.0.113.9", now })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect((await authenticate({ db: t.db, email: "agent@example.test", password: "correct horse battery", ip: "198.51.100.1", now })).ok).toBe(true);
  });

  it("a locked client that keeps trying is refused each time, audited once per window, and counted", async () => {
    const email = "hammered@example.test";
    const ip = "203.0.113.44";
    // A year ahead, so recordAudit's own look for closed windows (real clock) leaves this one open.
    const now = new Date(refusalWindowStart(new Date(Date.now() + 365 * 24 * 3600 * 1000)).getTime() + 1000);
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await authenticate({ db: t.db, email, password: `wrong ${i}`, ip, now });
    const attempts = 40;
    for (let i = 0; i < attempts; i++) expect(await authenticate({ db: t.db, email, password: "x", ip, now })).toEqual({ ok: false, reason: "throttled" });
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
