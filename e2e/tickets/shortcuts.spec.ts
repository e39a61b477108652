import { expect, test, type Page, type Route } from "@playwright/test";
import { seedTicket } from "@/lib/audit/testing/seed-tickets";
import { db, seedUser } from "../support/db";
import { pageReady, visit } from "../support/ready";
import { signIn } from "../support/session";

/**
 * Holds the page's JavaScript back until `release`: the HTML is there and takes key presses, but
 * nothing has hydrated, as on a slow laptop. Stylesheets still load (the early-keys listener,
 * inline in <head>, would wait for them).
 */
async function holdScripts(page: Page) {
  const held: Route[] = [];
  let released = false;
  await page.route(/\/_next\/static\/.*\.js(\?.*)?$/, (route) => {
    if (released) void route.continue();
    else held.push(route);
  });
  return {
    count: () => held.length,
    async release() {
      released = true;
      for (const route of held.splice(0)) await route.continue();
    },
  };
}

test("a shortcut pressed before the page has hydrated is handled once it has, not lost", async ({ page }) => {
  const agent = await seedUser("AGENT");
  await signIn(page, agent);

  const held = await holdScripts(page);
  await page.goto("/tickets", { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() => "__earlyKeys" in window);
  await page.keyboard.press("n");
  expect(held.count()).toBeGreaterThan(0);
  expect(await page.locator("html").getAttribute("data-ready")).toBeNull();
  expect(new URL(page.url()).pathname).toBe("/tickets");

  await held.release();
  await expect(page).toHaveURL(/\/tickets\/new$/);
  await pageReady(page);
  await expect(page.getByLabel("Customer name")).toBeVisible();
});

test("keys pressed while a page without shortcuts loads do not fire on the next page", async ({ page }) => {
  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  // The simulator has no shortcuts: an "n" pressed while it loads is dropped once it is ready,
  // so its link back to the console (a client-side navigation) lands on the queue, not on a new ticket.
  const held = await holdScripts(page);
  await page.goto("/simulator", { waitUntil: "domcontentloaded" });
  await page.waitForFunction(() => "__earlyKeys" in window);
  await page.keyboard.press("n");
  await held.release();
  await pageReady(page);
  expect(await page.evaluate(() => "__earlyKeys" in window)).toBe(false);
  await page.getByRole("link", { name: "Back to the console" }).click();
  await expect(page).toHaveURL(/\/tickets$/);
  await pageReady(page);
  await expect(page.getByRole("heading", { name: "Ticket queue" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/tickets");
});

test("t takes an unassigned ticket, as the button's shortcut says", async ({ page }) => {
  const author = await seedUser("AGENT");
  const agent = await seedUser("AGENT");
  const ticket = await seedTicket(db, { createdById: author.id, status: "READY", decision: "ISSUE" });
  await signIn(page, agent);
  await visit(page, `/tickets/${ticket.id}`);
  const take = page.getByRole("button", { name: "Take ticket" });
  await expect(take).toHaveAttribute("aria-keyshortcuts", "t");

  await page.keyboard.press("t");
  await expect(page.getByRole("button", { name: "Hand back" })).toBeVisible();
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).assigneeId).toBe(agent.id);

  // The help lists it, next to the keys that were there already.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help.getByRole("row", { name: /^t Take the ticket/ })).toBeVisible();
});
