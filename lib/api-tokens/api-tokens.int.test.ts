import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { guardedRoute } from "@/lib/http/route";
import { ENGINES } from "@/lib/testing/databases";
import { seedStaff } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { DAY_MS } from "@/lib/time";
import { authenticateApiToken } from "./authenticate-api-token";
import { createApiToken } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";

// The session path reads next-auth; a token request must never get that far.
const sessionRead = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth", () => ({ getServerSession: async () => (sessionRead.count++, null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const seen: { name?: string; role?: string; cookie?: string | null; origin?: string | null } = {};
const readRoute = guardedRoute(
  "AGENT",
  "api:GET /test/read",
  async (request, user) => {
    Object.assign(seen, { name: user.name, role: user.role, cookie: request.headers.get("cookie"), origin: request.headers.get("origin") });
    return Response.json({ ok: true });
  },
  { scope: "tickets:read" },
);
const supervisorRoute = guardedRoute("SUPERVISOR", "api:GET /test/audit", async () => Response.json({ ok: true }), { scope: "audit:read" });
const consoleOnly = guardedRoute("AGENT", "api:GET /test/console", async () => Response.json({ ok: true }));

function call(route: (r: Request, c: unknown) => Promise<Response>, token: string, headers: Record<string, string> = {}) {
  return route(
    new Request("http://console.test/api/v1/x", { headers: { authorization: `Bearer ${token}`, "x-forwarded-for": "203.0.113.9", ...headers } }),
    {},
  );
}

describe.each(ENGINES)("API tokens on %s", (engine) => {
  let t: TestDatabase;
  let admin: { id: string; label: string };

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    const user = await seedStaff(t.db, "ADMIN");
    admin = { id: user.id, label: user.name };
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await t.close();
  });

  it("is shown once: the database keeps only its SHA-256 and a short prefix, and the creation is audited", async () => {
    const { token, record } = await createApiToken({
      db: t.db,
      actor: admin,
      ip: "10.0.0.1",
      input: { name: "Helpdesk", scopes: ["tickets:read"], expiresInDays: 30 },
    });
    expect(token).toMatch(/^rc_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token.slice(3));
    expect(row.prefix).toBe(token.slice(0, 9));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(30 * DAY_MS);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "api_token.created" }, orderBy: { seq: "desc" } });
    expect(event.actorId).toBe(admin.id);
    expect(event.details).toMatchObject({ tokenId: record.id, name: "Helpdesk", scopes: ["tickets:read"] });
    expect(JSON.stringify(event.details)).not.toContain(token.slice(3));
    const listed = await listApiTokens({ db: t.db });
    expect(listed.find((l) => l.id === record.id)).toMatchObject({ name: "Helpdesk", createdBy: admin.label, lastUsedAt: null, revokedAt: null });
  });

  it("opens a scoped route without any session or cookie authority, records its last use and audits the call under the token", async () => {
    const { token, record } = await createApiToken({
      db: t.db,
      actor: admin,
      ip: "10.0.0.1",
      input: { name: "Zendesk", scopes: ["tickets:read"], expiresInDays: 1 },
    });
    sessionRead.count = 0;
    const response = await call(readRoute, token, { cookie: "next-auth.session-token=stolen", origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(response.status).toBe(200);
    expect(sessionRead.count).toBe(0);
    expect(seen).toEqual({ name: `API token "Zendesk" (${record.prefix}…)`, role: "ADMIN", cookie: null, origin: null });
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: record.id } });
    expect(row.lastUsedAt).not.toBeNull();
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "api.called" }, orderBy: { seq: "desc" } });
    expect(event.actorLabel).toBe(`API token "Zendesk" (${record.prefix}…)`);
    expect(event.ip).toBe("203.0.113.9");
    expect(event.details).toEqual({ route: "api:GET /test/read", status: 200, tokenId: record.id });
  });

  it("refuses a missing scope (403, audited) and a route that declares no scope (401), even with a valid token", async () => {
    const { token, record } = await createApiToken({
      db: t.db,
      actor: admin,
      ip: "10.0.0.1",
      input: { name: "Reader", scopes: ["tickets:read"], expiresInDays: 1 },
    });
    const refused = await call(supervisorRoute, token);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: "FORBIDDEN", message: 'This token lacks the "audit:read" scope this endpoint needs.' });
    const denied = await t.db.auditEvent.findFirstOrThrow({ where: { action: "auth.denied" }, orderBy: { seq: "desc" } });
    expect(denied.details).toMatchObject({ what: "api:GET /test/audit", credential: "api-token", tokenId: record.id, required: "audit:read" });
    const consoleAnswer = await call(consoleOnly, token);
    expect(consoleAnswer.status).toBe(401);
    expect((await consoleAnswer.json()).message).toMatch(/does not accept API tokens/);
  });

  it("stops working once expired or revoked, and an unknown token is refused", async () => {
    const now = new Date();
    const { token: old } = await createApiToken({
      db: t.db,
      actor: admin,
      ip: "10.0.0.1",
      input: { name: "Old", scopes: ["tickets:read"], expiresInDays: 1 },
      now: new Date(now.getTime() - 2 * DAY_MS),
    });
    const expired = await call(readRoute, old);
    expect(expired.status).toBe(401);
    expect((await expired.json()).message).toBe("This API token has expired.");

    const { token, record } = await createApiToken({
      db: t.db,
      actor: admin,
      ip: "10.0.0.1",
      input: { name: "Soon revoked", scopes: ["tickets:read"], expiresInDays: 1 },
    });
    expect((await call(readRoute, token)).status).toBe(200);
    await revokeApiToken({ db: t.db, actor: admin, ip: "10.0.0.1", tokenId: record.id });
    const revoked = await call(readRoute, token);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).message).toBe("This API token has been revoked.");
    await expect(revokeApiToken({ db: t.db, actor: admin, ip: "10.0.0.1", tokenId: record.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await t.db.auditEvent.count({ where: { action: "api_token.revoked" } })).toBe(1);

    const unknown = await call(readRoute, "rc_not-a-token");
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).message).toBe("This API token is not valid.");
  });

  it("stops a token that the deactivated admin created", async () => {
    const other = await seedStaff(t.db, "ADMIN");
    const { token } = await createApiToken({
      db: t.db,
      actor: { id: other.id, label: other.name },
      ip: "10.0.0.1",
      input: { name: "Orphan", scopes: ["tickets:read"], expiresInDays: 1 },
    });
    await t.db.user.update({ where: { id: other.id }, data: { active: false } });
    expect((await call(readRoute, token)).status).toBe(403);
  });

  it("acts no higher than its creator's single sign-on role: lowered groups at the IdP lower the token too", async () => {
    const other = await seedStaff(t.db, "SUPERVISOR");
    const { token } = await createApiToken({
      db: t.db,
      actor: { id: other.id, label: other.name },
      ip: "10.0.0.1",
      input: { name: "Capped", scopes: ["audit:read"], expiresInDays: 1 },
    });
    expect((await call(supervisorRoute, token)).status).toBe(200);
    // The IdP now maps their groups to agent only (their latest SSO session says so).
    await t.db.userSession.create({ data: { userId: other.id, expiresAt: new Date(Date.now() + DAY_MS), ssoRole: "AGENT", ssoSubject: "idp|capped" } });
    expect((await call(supervisorRoute, token)).status).toBe(403);
  });

  it("rate-limits per token per minute in the database, with Retry-After, and the count starts again next minute", async () => {
    vi.stubEnv("API_TOKEN_RATE_PER_MINUTE", "3");
    const { token } = await createApiToken({ db: t.db, actor: admin, ip: "10.0.0.1", input: { name: "Busy", scopes: ["tickets:read"], expiresInDays: 1 } });
    const { token: quiet } = await createApiToken({
      db: t.db,
      actor: admin,
      ip: "10.0.0.1",
      input: { name: "Quiet", scopes: ["tickets:read"], expiresInDays: 1 },
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(readRoute, token)).status);
    // The count may straddle a minute boundary in a slow run; the first three are always allowed.
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    const limited = await call(readRoute, token);
    if (limited.status === 429) {
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await limited.json()).message).toMatch(/more than 3 requests this minute/);
    }
    expect((await call(readRoute, quiet)).status).toBe(200);
    vi.unstubAllEnvs();

    // The window itself, with a fixed clock: 3 allowed, the 4th refused, the next minute allowed again.
    const minute = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000 * 10);
    const ask = (now: Date) =>
      authenticateApiToken({ db: t.db, token, scope: "tickets:read", minimum: "AGENT", what: "x", ip: "203.0.113.9", ratePerMinute: 3, now }).then(
        () => "ok",
        (e: { code: string }) => e.code,
      );
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await ask(new Date(minute.getTime() + i * 1000)));
    results.push(await ask(new Date(minute.getTime() + 60_000)));
    expect(results).toEqual(["ok", "ok", "ok", "RATE_LIMITED", "ok"]);
  });

  it("leaves the audit chain intact", async () => {
    expect((await verifyAuditChain({ db: t.db })).ok).toBe(true);
  });
});
