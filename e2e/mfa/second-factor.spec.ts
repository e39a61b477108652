import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { hashRecoveryCode } from "@/lib/auth/mfa/recovery-codes";
import { db, seedUser, type SeededUser } from "../support/db";
import { freshTotpCode, signIn } from "../support/session";
import { visit } from "../support/ready";
import { callServerAction, serverActionId } from "../support/server-actions";

async function password(page: Page, user: SeededUser) {
  await visit(page, "/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/mfa/, { timeout: 30_000 });
}

test("a new supervisor reaches nothing but enrolment (page, server action, API route) until an authenticator app is confirmed", async ({ page }) => {
  const sam = await seedUser("SUPERVISOR", { totp: false });
  const victim = await seedUser("AGENT");
  await password(page, sam);
  await expect(page.getByRole("heading", { name: "Set up your authenticator app" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();

  // A console page sends them back here.
  await visit(page, "/review");
  await expect(page).toHaveURL(/\/mfa/);
  // An API route refuses, saying why.
  const route = await page.request.get("/api/v1/audit/verify");
  expect(route.status()).toBe(403);
  expect((await route.json()).message).toContain("Finish signing in first");
  // A server action refuses too, and changes nothing.
  const id = serverActionId("app/actions/users.ts", "setUserActiveAction");
  expect(await callServerAction(page, { path: "/mfa", id, fields: { userId: victim.id, active: "false" } })).toContain("Finish signing in first");
  expect((await db.user.findUniqueOrThrow({ where: { id: victim.id } })).active).toBe(true);
  const denied = await db.auditEvent.findMany({ where: { action: "auth.denied", actorId: sam.id } });
  expect(denied.map((e) => (e.details as { secondFactor?: string }).secondFactor)).toEqual(["enrol", "enrol"]);

  // Typing the manual key into an "app": a wrong code first, then the right one.
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Code from the app").fill("000000");
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("That code is not right.").first()).toBeVisible();
  await page.getByLabel("Code from the app").fill(await freshTotpCode(secret));
  await page.getByRole("button", { name: "Confirm" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await page.getByRole("link", { name: "I have saved them: continue" }).click();
  await expect(page).toHaveURL(/\/tickets/);
  expect(await db.auditEvent.count({ where: { action: "mfa.totp_enrolled", actorId: sam.id } })).toBe(1);
  expect((await page.request.get("/api/v1/audit/verify")).status()).not.toBe(403);
});

test("signing in with an authenticator code, then on another browser with a recovery code that works only once", async ({ page, browser }) => {
  const sam = await seedUser("SUPERVISOR");
  await signIn(page, sam);
  await expect(page.getByRole("link", { name: new RegExp(sam.name) })).toBeVisible();
  expect(await db.auditEvent.findFirst({ where: { action: "mfa.verified", actorId: sam.id } })).toMatchObject({
    details: { method: "totp", purpose: "sign_in" },
  });

  const recovery = `r${randomUUID().slice(0, 4)}-${randomUUID().slice(0, 5)}`.replace(/[0ilo]/g, "a");
  await db.recoveryCode.create({ data: { userId: sam.id, codeHash: hashRecoveryCode(recovery) } });
  const lostPhone = await browser.newContext();
  const other = await lostPhone.newPage();
  await password(other, sam);
  await other.getByLabel("Authentication code").fill(recovery.toUpperCase());
  await other.getByRole("button", { name: "Verify" }).click();
  await expect(other).toHaveURL(/\/tickets/);
  await lostPhone.close();

  const again = await browser.newContext();
  const third = await again.newPage();
  await password(third, sam);
  await third.getByLabel("Authentication code").fill(recovery);
  await third.getByRole("button", { name: "Verify" }).click();
  await expect(third.getByText("That code is not right.").first()).toBeVisible();
  await expect(third).toHaveURL(/\/mfa/);
  await again.close();

  // The account page lists both live sessions and signs the other one out.
  await visit(page, "/account");
  const sessions = page.getByRole("list", { name: "Your sessions" }).getByRole("listitem");
  await expect(sessions.filter({ hasText: "this browser" })).toHaveCount(1);
  await expect(sessions.first()).toContainText(/Signed in on: Chrom(e|ium), /);
  const before = await sessions.count();
  await page
    .getByRole("button", { name: /^Sign out Chrom/ })
    .first()
    .click();
  await expect(sessions).toHaveCount(before - 1);
  expect(await db.auditEvent.count({ where: { action: "auth.session_ended", actorId: sam.id } })).toBe(1);
});

test("granting a privileged role and resetting someone's second factor step up, and the reset waits for a second admin", async ({ page, browser }) => {
  const adminA = await seedUser("ADMIN");
  const adminB = await seedUser("ADMIN");
  const agent = await seedUser("AGENT");
  const sam = await seedUser("SUPERVISOR");
  await signIn(page, adminA);
  await db.userSession.updateMany({ where: { userId: adminA.id }, data: { secondFactorAt: new Date(Date.now() - 10 * 60_000) } });
  await visit(page, "/admin/users");
  await page.getByLabel(`Role of ${agent.name}`, { exact: true }).selectOption("SUPERVISOR");
  await page.getByRole("button", { name: `Save role of ${agent.name}` }).click();
  const dialog = page.getByRole("alertdialog", { name: "Confirm it is you" });
  await dialog.getByLabel("Authenticator code").fill(await freshTotpCode(adminA.totpSecret!));
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText(`Making ${agent.name} supervisor waits for a second admin's approval.`)).toBeVisible();

  // Lost phone: admin A asks (their factor is fresh now), admin B approves, Sam must enrol again.
  await page.getByRole("button", { name: `Reset second factor of ${sam.name}` }).click();
  await expect(page.getByText(`Resetting the second factor of ${sam.name} waits for a second admin's approval.`)).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: sam.id } })).totpConfirmedAt).not.toBeNull();

  const second = await browser.newContext();
  const pageB = await second.newPage();
  await signIn(pageB, adminB);
  await visit(pageB, "/admin/users");
  await pageB.getByRole("button", { name: `Approve: Reset the second factor of ${sam.name}` }).click();
  await expect(pageB.getByText(`Approved: resetting the second factor of ${sam.name}.`)).toBeVisible();
  await second.close();
  expect(await db.user.findUniqueOrThrow({ where: { id: sam.id } })).toMatchObject({ totpSecret: null, totpConfirmedAt: null });
  expect(await db.auditEvent.findFirst({ where: { action: "mfa.factors_reset", actorId: adminB.id } })).toMatchObject({
    details: { userId: sam.id, requestedBy: adminA.id },
  });

  const samContext = await browser.newContext();
  const samPage = await samContext.newPage();
  await password(samPage, sam);
  await expect(samPage.getByRole("heading", { name: "Set up your authenticator app" })).toBeVisible();
  await samContext.close();
});
