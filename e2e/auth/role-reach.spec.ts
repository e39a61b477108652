import { expect, test, type Page } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { callServerAction, serverActionId } from "../support/server-actions";
import { signIn } from "../support/session";
import { visit } from "../support/ready";

const SUPERVISOR_PAGES = ["/review", "/audit", "/escalations"];
const ADMIN_PAGES = ["/admin/users"];

test("anonymous visitors are sent to sign-in from every console page", async ({ page }) => {
  for (const path of ["/tickets", ...SUPERVISOR_PAGES, ...ADMIN_PAGES]) {
    await visit(page, path);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  }
});

test("an agent gets a 403 page for supervisor and admin pages, and the refusal is audited", async ({ page }) => {
  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  for (const path of [...SUPERVISOR_PAGES, ...ADMIN_PAGES]) {
    const response = await visit(page, path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByText("403 · Not allowed")).toBeVisible();
  }
  const denied = await db.auditEvent.count({ where: { action: "auth.denied", actorId: agent.id } });
  expect(denied).toBe(SUPERVISOR_PAGES.length + ADMIN_PAGES.length);
});

test("a supervisor reaches supervisor pages but not admin pages", async ({ page }) => {
  const supervisor = await seedUser("SUPERVISOR");
  await signIn(page, supervisor);
  for (const path of SUPERVISOR_PAGES) expect((await visit(page, path))?.status(), path).toBe(200);
  expect((await visit(page, "/admin/users"))?.status()).toBe(403);
});

test("route handlers check the role themselves: 401 anonymous, 403 wrong role, 200 right role", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get("/api/v1/admin/users")).status()).toBe(401);
  expect((await anonymous.get("/api/v1/audit/verify")).status()).toBe(401);
  await anonymous.dispose();

  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  const asAgent = page.request;
  const forbidden = await asAgent.get("/api/v1/admin/users");
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.json()).toEqual({ error: "FORBIDDEN", message: "Your role does not allow this." });
  expect((await asAgent.get("/api/v1/audit/verify")).status()).toBe(403);
});

test("admin route answers an admin with users and no password hashes", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  await signIn(page, admin);
  const response = await page.request.get("/api/v1/admin/users");
  expect(response.status()).toBe(200);
  const body = await response.text();
  expect(body).toContain(admin.email);
  expect(body).not.toMatch(/argon2|passwordHash/);
});

async function disableAttempt(page: Page, victimId: string) {
  const id = serverActionId("app/actions/users.ts", "setUserActiveAction");
  return callServerAction(page, { path: "/admin/users", id, fields: { userId: victimId, active: "false" } });
}

test("calling the admin-only and supervisor-only server actions directly is refused and changes nothing", async ({ page, browser }) => {
  const victim = await seedUser("ADMIN");
  const agent = await seedUser("AGENT");

  const anonymousContext = await browser.newContext();
  const anonymous = await anonymousContext.newPage();
  await visit(anonymous, "/login");
  expect(await disableAttempt(anonymous, victim.id)).toContain("Please sign in.");
  await anonymousContext.close();

  await signIn(page, agent);
  expect(await disableAttempt(page, victim.id)).toContain("Your role does not allow this.");
  const verifyId = serverActionId("app/actions/audit.ts", "verifyChainAction");
  expect(await callServerAction(page, { path: "/audit", id: verifyId, fields: {} })).toContain("Your role does not allow this.");

  expect((await db.user.findUniqueOrThrow({ where: { id: victim.id } })).active).toBe(true);
  // Scoped to this test's users: other specs run in parallel and write such events too.
  expect(await db.auditEvent.count({ where: { action: "user.disabled", details: { path: ["userId"], equals: victim.id } } })).toBe(0);
  expect(await db.auditEvent.count({ where: { action: "audit.chain_verified", actorId: agent.id } })).toBe(0);
  expect(await db.auditEvent.count({ where: { action: "auth.denied", details: { path: ["what"], equals: "action:setUserActive" }, actorId: agent.id } })).toBe(
    1,
  );
});

test("the same direct call by an admin works, proving the refusals above are real", async ({ page }) => {
  const victim = await seedUser("AGENT");
  const admin = await seedUser("ADMIN");
  await signIn(page, admin);
  expect(await disableAttempt(page, victim.id)).toContain("is now disabled");
  expect((await db.user.findUniqueOrThrow({ where: { id: victim.id } })).active).toBe(false);
});
