import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { REFUSAL_WINDOW_MS, REFUSALS_SUMMARY_ACTION, refusalWindowStart } from "@/lib/audit/refusal-window";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createUser } from "@/lib/users/create-user";
import { requireUser } from "./guard";
import { SESSION_MAX_AGE_MS } from "./session-policy";

// The request as the guard sees it: next-auth's session (its UserSession id) and the client IP.
const request = vi.hoisted(() => ({ sid: null as string | null, ip: "" }));
vi.mock("next-auth", () => ({ getServerSession: async () => (request.sid ? { sid: request.sid } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": request.ip }) }));

const FLOOD = 40;

async function refusedAs(sid: string | null, ip: string, what = "action:setUserActive") {
  request.sid = sid;
  request.ip = ip;
  return requireUser("ADMIN", what).then(
    () => "allowed",
    (e: { code?: string }) => e.code,
  );
}

describe.each(ENGINES)("refusals at the guard on %s", (engine) => {
  let t: TestDatabase;
  let agent: { id: string; sid: string };
  // Mid-window, a year ahead: the windows close when the test says, not when the real clock does.
  // Each engine's run starts later than the one before, since recordAudit remembers (per process)
  // when it next looks for closed windows, and a real clock does not go back.
  const yearAhead = refusalWindowStart(new Date(Date.now() + 365 * 24 * 3600 * 1000)).getTime();
  const start = new Date(yearAhead + ENGINES.indexOf(engine) * 10 * REFUSAL_WINDOW_MS + 60_000);

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    t = await openTestDatabase(engine);
    const user = await createUser({ db: t.db, email: "agent@guard.test", name: "Agent Guard", role: "AGENT", password: null });
    const session = await t.db.userSession.create({ data: { userId: user.id, lastSeenAt: start, expiresAt: new Date(start.getTime() + SESSION_MAX_AGE_MS) } });
    agent = { id: user.id, sid: session.id };
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t.close();
  });

  it("an anonymous flood from one IP is refused every time but written to the chain once", async () => {
    for (let i = 0; i < FLOOD; i++) expect(await refusedAs(null, "198.51.100.7")).toBe("UNAUTHENTICATED");
    for (let i = 0; i < 5; i++) expect(await refusedAs(null, "198.51.100.8")).toBe("UNAUTHENTICATED");
    const denied = await t.db.auditEvent.findMany({ where: { action: "auth.denied", actorId: null }, orderBy: { seq: "asc" } });
    expect(denied.map((e) => [e.ip, e.actorLabel, e.details])).toEqual([
      ["198.51.100.7", "anonymous", { what: "action:setUserActive", required: "ADMIN", role: null }],
      ["198.51.100.8", "anonymous", { what: "action:setUserActive", required: "ADMIN", role: null }],
    ]);
    const tallies = await t.db.refusalTally.findMany({ where: { action: "auth.denied" }, orderBy: { ip: "asc" }, select: { ip: true, count: true } });
    expect(tallies).toEqual([
      { ip: "198.51.100.7", count: FLOOD },
      { ip: "198.51.100.8", count: 5 },
    ]);
  });

  it("a signed-in user's refusals are each audited, under the user's name, as before", async () => {
    for (const what of ["action:setUserActive", "action:setUserActive", "route:/api/v1/admin/users"])
      expect(await refusedAs(agent.sid, "10.9.0.1", what)).toBe("FORBIDDEN");
    const denied = await t.db.auditEvent.findMany({ where: { action: "auth.denied", actorId: agent.id }, orderBy: { seq: "asc" } });
    expect(denied.map((e) => [e.actorLabel, e.ip, e.details])).toEqual([
      ["Agent Guard", "10.9.0.1", { what: "action:setUserActive", required: "ADMIN", role: "AGENT" }],
      ["Agent Guard", "10.9.0.1", { what: "action:setUserActive", required: "ADMIN", role: "AGENT" }],
      ["Agent Guard", "10.9.0.1", { what: "route:/api/v1/admin/users", required: "ADMIN", role: "AGENT" }],
    ]);
  });

  it("once the window has closed, the next audited write puts the counts in the chain first", async () => {
    const lastSeq = (await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).seq;
    vi.setSystemTime(new Date(start.getTime() + REFUSAL_WINDOW_MS));
    expect(await refusedAs(agent.sid, "10.9.0.1")).toBe("FORBIDDEN");
    const written = await t.db.auditEvent.findMany({ where: { seq: { gt: lastSeq } }, orderBy: { seq: "asc" } });
    expect(written.map((e) => [e.action, e.ip, (e.details as { more?: number }).more ?? null])).toEqual([
      [REFUSALS_SUMMARY_ACTION, "198.51.100.7", FLOOD - 1],
      [REFUSALS_SUMMARY_ACTION, "198.51.100.8", 4],
      ["auth.denied", "10.9.0.1", null],
    ]);
    expect(await t.db.refusalTally.count()).toBe(0);
    expect(await verifyAuditChain({ db: t.db })).toMatchObject({ ok: true, checked: await t.db.auditEvent.count() });
  });
});
