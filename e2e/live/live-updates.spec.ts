import { expect, type Page } from "@playwright/test";
import { test } from "@playwright/test";
import { seedTicket } from "@/lib/audit/testing/seed-tickets";
import { db, seedUser } from "../support/db";
import { signIn } from "../support/session";

const REFERENCE = (n: number) => `RT-${String(n).padStart(6, "0")}`;

/** The console's event stream is open (the server said ready). */
async function live(page: Page) {
  await expect(page.locator("[data-live-status]")).toHaveAttribute("data-live-status", "connected");
}

test("a supervisor's approval reaches the agent's open ticket page live: status, toast and nav badge, no reload", async ({ browser }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const ticket = await seedTicket(db, { createdById: agent.id, withChallenge: true });
  const agentContext = await browser.newContext();
  const supervisorContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  const supervisorPage = await supervisorContext.newPage();

  await signIn(agentPage, agent);
  await agentPage.goto(`/tickets/${ticket.id}`);
  await expect(agentPage.getByText("Needs supervisor", { exact: true })).toBeVisible();
  await live(agentPage);
  const ticketsLink = agentPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tickets", exact: true });
  await expect(ticketsLink).toHaveAccessibleDescription("1 of my tickets open");
  // A marker that a reload would wipe.
  await agentPage.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await signIn(supervisorPage, supervisor);
  await supervisorPage.goto(`/review/${ticket.id}`);
  await supervisorPage.getByLabel("Reason").fill("Owner verified on the phone; the recorder is theirs.");
  await supervisorPage.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(supervisorPage.getByText("Approved. The agent can now send the code.")).toBeVisible();

  // The status badge changes (and the supervisor's decision appears under it).
  await expect(agentPage.getByText("Needs supervisor", { exact: true })).toHaveCount(0, { timeout: 5_000 });
  await expect(agentPage.getByText("Approved", { exact: true }).first()).toBeVisible();
  await expect(agentPage.getByRole("list", { name: "Supervisor decisions" })).toContainText("Approved by");
  await expect(agentPage.getByText(`${REFERENCE(ticket.number)} approved`)).toBeVisible({ timeout: 5_000 });

  // Another change, made outside any browser (a second instance, a worker): the badge follows.
  await seedTicket(db, { createdById: agent.id, withChallenge: true });
  await expect(ticketsLink).toHaveAccessibleDescription("2 of my tickets open", { timeout: 5_000 });
  await expect(ticketsLink.locator("[data-nav-count]")).toHaveText("2");
  expect(await agentPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  await agentContext.close();
  await supervisorContext.close();
});

test("the event stream refuses a visitor without a session", async ({ request }) => {
  const response = await request.get("/api/v1/events");
  expect(response.status()).toBe(401);
});
