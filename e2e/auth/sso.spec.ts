import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { IDP_PASSWORD, putIdpAccount, type IdpAccount } from "@/lib/testing/oidc-idp";
import { db, seedUser } from "../support/db";
import { E2E_OIDC_ISSUER, E2E_OIDC_NAME } from "../support/env";
import { pageReady, visit } from "../support/ready";
import { signIn } from "../support/session";

// Single sign-on against a real OpenID Connect provider (lib/testing/oidc-idp, started by
// global-setup): the console's login button, the IdP's own login form, and back.

/** `signedInAtIdp`: the browser still has its IdP session, so the IdP sends it straight back without its form. */
async function signInWithIdp(page: Page, account: IdpAccount, options: { signedInAtIdp?: boolean } = {}) {
  await putIdpAccount(E2E_OIDC_ISSUER, account);
  await visit(page, "/login");
  await page.getByRole("button", { name: `Sign in with ${E2E_OIDC_NAME}` }).click();
  if (options.signedInAtIdp) return;
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(IDP_PASSWORD);
  await page.getByRole("button", { name: "Sign in to the Test IdP" }).click();
}

async function expectSignedIn(page: Page) {
  await expect(page).toHaveURL(/\/tickets/, { timeout: 30_000 });
  await pageReady(page);
}

async function expectRefused(page: Page, message: string | RegExp) {
  await expect(page).toHaveURL(/\/login\?error=/);
  await pageReady(page);
  await expect(page.locator("form").getByRole("alert")).toHaveText(message);
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

test("an invited agent signs in through the IdP: the console's own session, amr recorded, the role from the groups", async ({ page }) => {
  const user = await seedUser("AGENT");
  await signInWithIdp(page, { email: user.email, name: user.name, groups: ["support-agents", "all-staff"], amr: ["pwd", "otp"] });
  await expectSignedIn(page);
  await expect(page.getByText(user.name)).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Tickets", exact: true })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Review", exact: true })).toHaveCount(0);
  const session = await db.userSession.findFirstOrThrow({ where: { userId: user.id, revokedAt: null } });
  expect(session).toMatchObject({ ssoRole: "AGENT", idpAmr: ["pwd", "otp"] });
  expect(session.idpTokens).toBeTruthy();
  const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_sign_in", actorId: user.id } });
  expect(audit.details).toMatchObject({ sessionId: session.id, role: "AGENT", via: "invitation" });

  // Sign-out ends that session on the server like any other.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(async () => (await db.userSession.findUniqueOrThrow({ where: { id: session.id } })).revokedAt).not.toBeNull();
});

test("someone the console has not invited is refused in words, audited, and no account is made", async ({ page }) => {
  const email = `stranger-${randomUUID().slice(0, 8)}@not-invited.test`;
  await signInWithIdp(page, { email, name: "Stranger", groups: ["support-admins"] });
  await expectRefused(page, "Single sign-on refused: this console has no account for your email address. Ask an admin to invite you.");
  expect(await db.user.count({ where: { email } })).toBe(0);
  const masked = `${email[0]}***${email[email.indexOf("@") - 1]}${email.slice(email.indexOf("@"))}`;
  await expect.poll(() => db.auditEvent.count({ where: { action: "auth.sso_refused", details: { path: ["email"], equals: masked } } })).toBe(1);
  // An invited user whose groups map to no role is refused too (signing in afresh at the IdP).
  await page.context().clearCookies();
  const user = await seedUser("AGENT");
  await signInWithIdp(page, { email: user.email, name: user.name, groups: ["marketing"] });
  await expectRefused(page, /none of your groups at the identity provider gives a role/);
});

test("an admin allows an email domain on the settings page; a new person from it comes in as an agent at most", async ({ page, browser }) => {
  const domain = `allowed-${randomUUID().slice(0, 8)}.test`;
  const admin = await seedUser("ADMIN");
  await signIn(page, admin);
  await visit(page, "/admin/settings");
  await page.getByLabel("Single sign-on domains").fill(domain);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(`Single sign-on domains:`)).toBeVisible();

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  const email = `newcomer@${domain}`;
  await signInWithIdp(newcomer, { email, name: "New Comer", groups: ["support-supervisors"] });
  await expectSignedIn(newcomer);
  await expect(newcomer.getByText("New Comer")).toBeVisible();
  // The IdP says supervisor; a domain alone lets nobody in above agent.
  await expect(nav(newcomer).getByRole("link", { name: "Review", exact: true })).toHaveCount(0);
  expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: "AGENT", active: true, passwordHash: null });
  const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_sign_in", actorLabel: "New Comer" } });
  expect(audit.details).toMatchObject({ via: "domain", newUser: true });
  await other.close();
});

test("a user an admin disables is signed out on the next request, and the IdP cannot bring them back", async ({ page }) => {
  const user = await seedUser("SUPERVISOR");
  // A supervisor needs a second factor: the IdP checked one (amr otp), so the console does not ask again.
  const account = { email: user.email, name: user.name, groups: ["support-supervisors"], amr: ["pwd", "otp"] };
  await signInWithIdp(page, account);
  await expectSignedIn(page);
  await visit(page, "/review");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await db.user.update({ where: { id: user.id }, data: { active: false } });
  await visit(page, "/review");
  await expect(page).toHaveURL(/\/login/);
  await signInWithIdp(page, account, { signedInAtIdp: true });
  await expectRefused(page, "Single sign-on refused: your account is disabled. Ask an admin.");
  expect(await db.auditEvent.count({ where: { action: "auth.sso_refused", actorId: user.id, details: { path: ["reason"], equals: "disabled" } } })).toBe(1);
});

test("a group removed at the IdP ends the session at the next re-check", async ({ page }) => {
  const user = await seedUser("AGENT");
  const account = { email: user.email, name: user.name, groups: ["support-agents"] };
  await signInWithIdp(page, account);
  await expectSignedIn(page);
  const session = await db.userSession.findFirstOrThrow({ where: { userId: user.id, revokedAt: null } });

  await putIdpAccount(E2E_OIDC_ISSUER, { ...account, groups: ["former-staff"] });
  // The e2e server re-checks every 2 s (OIDC_RECHECK_SECONDS): a later request finds the group gone.
  await expect(async () => {
    await visit(page, "/tickets");
    await expect(page).toHaveURL(/\/login/);
  }).toPass({ timeout: 20_000 });
  const ended = await db.userSession.findUniqueOrThrow({ where: { id: session.id } });
  expect(ended.revokedAt).not.toBeNull();
  const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_session_ended", actorId: user.id } });
  expect(audit.details).toMatchObject({ sessionId: session.id, reason: "group_removed", groups: ["former-staff"] });
});
