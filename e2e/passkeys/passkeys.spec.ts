import { expect, test, type Page } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { E2E_PORT } from "../support/env";
import { pageReady, visit } from "../support/ready";
import { signIn } from "../support/session";

// WebAuthn refuses an IP address as relying party ID: these pages are browsed at localhost (a
// secure context), which the e2e server's WEBAUTHN_RP_ID / WEBAUTHN_ORIGIN name.
test.use({ baseURL: `http://localhost:${E2E_PORT}` });

/** Chromium's DevTools virtual authenticator: a platform authenticator with resident keys and user verification. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/** Signs out through the console's button, then comes back to the sign-in page at localhost. */
async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/, { timeout: 30_000 });
  await page.context().clearCookies();
  await visit(page, "/login");
}

test("a passkey added on the account page signs in without a password and proves the second factor on /mfa", async ({ page }) => {
  await virtualAuthenticator(page);
  const alex = await seedUser("AGENT");
  await signIn(page, alex);

  // Add a passkey, named in the dialog.
  await visit(page, "/account");
  await expect(page.getByText("No passkeys yet.")).toBeVisible();
  await page.getByRole("button", { name: "Add a passkey" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByRole("button", { name: "Create passkey" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Name the passkey.");
  await dialog.getByLabel("Passkey name").fill("Virtual laptop");
  await dialog.getByRole("button", { name: "Create passkey" }).click();
  await expect(page.getByText("Passkey “Virtual laptop” added.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByText("Virtual laptop")).toBeVisible();
  expect(await db.passkey.count({ where: { userId: alex.id } })).toBe(1);
  expect(await db.auditEvent.count({ where: { action: "mfa.passkey_added", actorId: alex.id } })).toBe(1);

  // Passwordless: the passkey alone opens a session whose second factor is proven.
  await signOut(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/tickets/, { timeout: 30_000 });
  await pageReady(page);
  const passwordless = await db.auditEvent.findFirstOrThrow({ where: { action: "auth.sign_in", actorId: alex.id }, orderBy: { seq: "desc" } });
  expect(passwordless.details).toMatchObject({ method: "passkey", name: "Virtual laptop" });
  const session = await db.userSession.findUniqueOrThrow({ where: { id: (passwordless.details as { sessionId: string }).sessionId } });
  expect(session.secondFactorAt).not.toBeNull();

  // With a passkey the agent now has a factor: the password alone leads to /mfa, where the passkey proves it.
  await signOut(page);
  await page.getByLabel("Email").fill(alex.email);
  await page.getByLabel("Password").fill(alex.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/mfa/, { timeout: 30_000 });
  await expect(page.getByLabel("Authentication code")).toHaveCount(0);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).toHaveURL(/\/tickets/, { timeout: 30_000 });
  expect(await db.auditEvent.findFirst({ where: { action: "mfa.verified", actorId: alex.id }, orderBy: { seq: "desc" } })).toMatchObject({
    details: { method: "passkey", purpose: "sign_in" },
  });
  // The signature counter moved with each use.
  expect((await db.passkey.findFirstOrThrow({ where: { userId: alex.id } })).counter).toBeGreaterThan(0n);

  // Removing it: the factor was proven just now, so no step-up question.
  await visit(page, "/account");
  await page.getByRole("button", { name: "Remove passkey Virtual laptop" }).click();
  // Its row (and the form that removed it) is gone from the list.
  await expect(page.getByText("No passkeys yet.")).toBeVisible();
  expect(await db.auditEvent.count({ where: { action: "mfa.passkey_removed", actorId: alex.id } })).toBe(1);
});

test("with an old second factor, adding and removing a passkey ask to confirm it is you, and a passkey answers", async ({ page }) => {
  await virtualAuthenticator(page);
  const alex = await seedUser("AGENT");
  await signIn(page, alex);
  await visit(page, "/account");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  let dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Passkey name").fill("First key");
  await dialog.getByRole("button", { name: "Create passkey" }).click();
  await expect(page.getByRole("list", { name: "Your passkeys" }).getByText("First key")).toBeVisible({ timeout: 20_000 });

  // Ten minutes later (the session's proof aged in the database): a second passkey needs the factor again.
  const aged = new Date(Date.now() - 10 * 60_000);
  await db.userSession.updateMany({ where: { userId: alex.id, revokedAt: null }, data: { secondFactorAt: aged } });
  await page.getByRole("button", { name: "Add a passkey" }).click();
  dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Passkey name").fill("Second key");
  await dialog.getByRole("button", { name: "Create passkey" }).click();
  await expect(dialog.getByText(/Confirm it is you/)).toBeVisible();
  expect(await db.passkey.count({ where: { userId: alex.id } })).toBe(1);
  // The first passkey confirms; this one virtual authenticator already holds a passkey for the
  // account (the options exclude it), so the browser then refuses a duplicate, said in words.
  await dialog.getByRole("button", { name: "Confirm with an existing passkey" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("This passkey is registered already.", { timeout: 20_000 });
  expect(await db.auditEvent.findFirst({ where: { action: "mfa.verified", actorId: alex.id }, orderBy: { seq: "desc" } })).toMatchObject({
    details: { method: "passkey", purpose: "step_up" },
  });
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Removing with an aged proof: the step-up dialog asks, and "Use a passkey" answers it.
  await db.userSession.updateMany({ where: { userId: alex.id, revokedAt: null }, data: { secondFactorAt: aged } });
  await page.getByRole("button", { name: "Remove passkey First key" }).click();
  const stepUp = page.getByRole("alertdialog", { name: "Confirm it is you" });
  await expect(stepUp).toBeVisible();
  await stepUp.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByText("No passkeys yet.")).toBeVisible({ timeout: 20_000 });
  expect(await db.passkey.count({ where: { userId: alex.id } })).toBe(0);
  expect(await db.auditEvent.count({ where: { action: "mfa.passkey_removed", actorId: alex.id } })).toBe(1);
});
