import { expect, test } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { signIn } from "../support/session";
import { visit } from "../support/ready";

test("four eyes on privileges: admin A makes an agent supervisor, which waits; A cannot approve it; admin B approves and it takes effect", async ({
  page,
  browser,
}) => {
  const adminA = await seedUser("ADMIN");
  const adminB = await seedUser("ADMIN");
  const agent = await seedUser("AGENT");

  await signIn(page, adminA);
  await visit(page, "/admin/users");
  await page.getByLabel(`Role of ${agent.name}`, { exact: true }).selectOption("SUPERVISOR");
  await page.getByRole("button", { name: `Save role of ${agent.name}` }).click();
  await expect(page.getByText(`Making ${agent.name} supervisor waits for a second admin's approval.`)).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: agent.id } })).role).toBe("AGENT");

  // The requester sees the request, without the buttons: another admin must decide.
  const waiting = page.getByRole("table", { name: "Privilege changes waiting for a second admin" });
  const row = waiting.getByRole("row").filter({ hasText: `Make ${agent.name} supervisor` });
  await expect(row).toContainText(adminA.name);
  await expect(row).toContainText("you asked for this change, so another admin must approve it");
  await expect(row.getByRole("button", { name: "Approve" })).toHaveCount(0);

  const second = await browser.newContext();
  const pageB = await second.newPage();
  await signIn(pageB, adminB);
  await visit(pageB, "/admin/users");
  await pageB.getByRole("button", { name: `Approve: Make ${agent.name} supervisor` }).click();
  await expect(pageB.getByText(`Approved: ${agent.name} as supervisor.`)).toBeVisible();
  await expect(pageB.getByRole("button", { name: `Approve: Make ${agent.name} supervisor` })).toHaveCount(0);

  expect((await db.user.findUniqueOrThrow({ where: { id: agent.id } })).role).toBe("SUPERVISOR");
  const request = await db.privilegeRequest.findFirstOrThrow({ where: { userId: agent.id } });
  expect(request).toMatchObject({ change: "ROLE", role: "SUPERVISOR", status: "APPROVED", requestedById: adminA.id, decidedById: adminB.id });
  const changed = await db.auditEvent.findFirstOrThrow({ where: { action: "user.role_changed", details: { path: ["userId"], equals: agent.id } } });
  expect(changed.actorId).toBe(adminB.id);
  expect(changed.details).toMatchObject({ from: "AGENT", to: "SUPERVISOR", requestedBy: adminA.id });
  await second.close();
});
