import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { waitForMail } from "../support/mail";
import { signIn } from "../support/session";
import { visit } from "../support/ready";

test("an admin invites a user, who sets a password from the emailed link and signs in", async ({ page, browser }) => {
  const admin = await seedUser("ADMIN");
  await signIn(page, admin);
  await visit(page, "/admin/users");
  await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  const email = `invitee-${randomUUID().slice(0, 8)}@e2e.test`;
  await page.getByLabel("Name").fill("Ivy Invitee");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("AGENT");
  await page.getByRole("button", { name: "Invite" }).click();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();

  const [invitation] = await waitForMail(email);
  const link = /https?:\/\/\S+\/invite\/[0-9a-f-]{36}\?token=[A-Za-z0-9_-]+/.exec(invitation!.mail.text ?? "")?.[0];
  expect(link).toBeTruthy();

  const invitee = await browser.newContext();
  const invitePage = await invitee.newPage();
  await visit(invitePage, link!);
  await expect(invitePage.getByRole("heading", { name: "Set your password" })).toBeVisible();
  const password = `pw-${randomUUID()}`;
  await invitePage.getByLabel("New password").fill(password);
  await invitePage.getByLabel("Confirm password").fill(`${password}-typo`);
  await invitePage.getByRole("button", { name: "Set password" }).click();
  await expect(invitePage.getByText("The two passwords differ.")).toBeVisible();
  await invitePage.getByLabel("New password").fill(password);
  await invitePage.getByLabel("Confirm password").fill(password);
  await invitePage.getByRole("button", { name: "Set password" }).click();
  await expect(invitePage.getByText("Your password is set.")).toBeVisible();

  // The link works once.
  await visit(invitePage, link!);
  await expect(invitePage.getByRole("alert").filter({ hasText: "invitation link" })).toContainText("already been used");

  await signIn(invitePage, { email, password });
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  expect(user.role).toBe("AGENT");
  expect(await db.invitation.count({ where: { userId: user.id, usedAt: { not: null } } })).toBe(1);
  expect(await db.auditEvent.count({ where: { action: "user.invitation_accepted", actorId: user.id } })).toBe(1);
  await invitee.close();
});

test("an admin lowers a user's role at once (raising one waits for a second admin: privilege-approval.spec.ts)", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  const supervisor = await seedUser("SUPERVISOR");
  await signIn(page, admin);
  await visit(page, "/admin/users");
  await page.getByLabel(`Role of ${supervisor.name}`, { exact: true }).selectOption("AGENT");
  await page.getByRole("button", { name: `Save role of ${supervisor.name}` }).click();
  await expect(page.getByText(`${supervisor.name} is now agent.`)).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: supervisor.id } })).role).toBe("AGENT");
  const event = await db.auditEvent.findFirstOrThrow({ where: { action: "user.role_changed", actorId: admin.id } });
  expect(event.details).toMatchObject({ userId: supervisor.id, from: "SUPERVISOR", to: "AGENT" });
});

test("disabling a signed-in user takes their access away on their next request", async ({ page, browser }) => {
  const admin = await seedUser("ADMIN");
  const agent = await seedUser("AGENT");
  const other = await browser.newContext();
  const agentPage = await other.newPage();
  await signIn(agentPage, agent);
  await expect(agentPage.getByText(agent.name)).toBeVisible();

  await signIn(page, admin);
  await visit(page, "/admin/users");
  await page.getByRole("button", { name: `Disable ${agent.name}` }).click();
  await expect(page.getByRole("button", { name: `Enable ${agent.name}` })).toBeVisible();

  await visit(agentPage, "/tickets");
  await expect(agentPage).toHaveURL(/\/login/);
  const sessions = await db.userSession.findMany({ where: { userId: agent.id } });
  expect(sessions.length).toBeGreaterThan(0);
  expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
  await other.close();
});

test("an agent cannot open the admin pages", async ({ page }) => {
  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  for (const path of ["/admin/users", "/admin/devices", "/admin/import", "/admin/settings"]) {
    const response = await visit(page, path);
    expect(response?.status()).toBe(403);
  }
});
