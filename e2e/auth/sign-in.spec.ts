import { expect, test } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { signIn } from "../support/session";
import { visit } from "../support/ready";

const NAV = { AGENT: ["Tickets"], SUPERVISOR: ["Tickets", "Review", "Audit"], ADMIN: ["Tickets", "Review", "Audit", "Admin"] } as const;

for (const role of ["AGENT", "SUPERVISOR", "ADMIN"] as const) {
  test(`a ${role.toLowerCase()} signs in and sees what the role may use`, async ({ page }) => {
    const user = await seedUser(role);
    await signIn(page, user);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of NAV[role]) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of ["Review", "Audit", "Admin"].filter((l) => !(NAV[role] as readonly string[]).includes(l))) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toHaveCount(0);
    }
    await expect(page.getByText(user.name)).toBeVisible();
    const session = await db.userSession.findFirst({ where: { userId: user.id, revokedAt: null } });
    expect(session).not.toBeNull();
  });
}

test("unknown account and wrong password get the same generic answer", async ({ page }) => {
  const user = await seedUser("AGENT");
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "192.0.2.10" });
  const messages: string[] = [];
  for (const attempt of [
    { email: "nobody-at-all@e2e.test", password: "whatever" },
    { email: user.email, password: "not the password" },
  ]) {
    await visit(page, "/login");
    await page.getByLabel("Email").fill(attempt.email);
    await page.getByLabel("Password").fill(attempt.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const alert = page.locator("form").getByRole("alert");
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? "");
  }
  expect(messages[0]).toBe("Email or password is not right.");
  expect(messages[1]).toBe(messages[0]);
  await expect(page).toHaveURL(/\/login/);
});

test("repeated failures slow that place down (try again in N s); the right password from another place still signs in", async ({ page, browser }) => {
  const user = await seedUser("AGENT");
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "192.0.2.20" });
  for (let i = 0; i < 3; i++) {
    await visit(page, "/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is not right.");
  }
  await visit(page, "/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(/^Too many failed attempts\. Try again in \d+ s\.$/);
  expect(await db.auditEvent.count({ where: { action: "auth.sign_in_throttled", ip: "192.0.2.20" } })).toBe(1);

  // No lockout: the owner signing in from elsewhere is not held up.
  const elsewhere = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.20" } });
  await signIn(await elsewhere.newPage(), user);
  await elsewhere.close();
});

test("sign-out ends the session on the server", async ({ page }) => {
  const user = await seedUser("AGENT");
  await signIn(page, user);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(async () => (await db.userSession.findFirst({ where: { userId: user.id } }))?.revokedAt).not.toBeNull();
  await visit(page, "/tickets");
  await expect(page).toHaveURL(/\/login/);
});

test("a disabled user's live session stops working on the next request", async ({ page }) => {
  const user = await seedUser("SUPERVISOR");
  await signIn(page, user);
  await visit(page, "/review");
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await db.user.update({ where: { id: user.id }, data: { active: false } });
  await visit(page, "/review");
  await expect(page).toHaveURL(/\/login/);
});

test("a demoted user loses the higher role at once", async ({ page }) => {
  const user = await seedUser("ADMIN");
  await signIn(page, user);
  await visit(page, "/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await db.user.update({ where: { id: user.id }, data: { role: "AGENT" } });
  const response = await visit(page, "/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Your role does not give access to this page")).toBeVisible();
});
