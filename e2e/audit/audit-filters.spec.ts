import { expect, test, type Page } from "@playwright/test";
import { eventHash, GENESIS_HASH } from "@/lib/audit/event-hash";
import { seedTicket } from "@/lib/audit/testing/seed-tickets";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { db, seedUser } from "../support/db";
import { chooseFilter } from "../support/filters";
import { reloadPage, visit } from "../support/ready";
import { signIn } from "../support/session";

/** One event on the hash chain, as the app appends it (under the chain's advisory lock, lib/audit/lock-audit-chain.ts). */
async function appendEvent(event: { actorId: string; actorLabel: string; action: string; ticketId: string; serial: string }) {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${7_202_611})`;
    const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    const content = { seq: (last?.seq ?? 0n) + 1n, at: new Date(), ip: null, details: {}, ...event };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.auditEvent.create({ data: { ...content, prevHash, hash: eventHash(content, prevHash) } });
  });
}

/** Tickets and events a new supervisor searches for, typed the way people type them. */
async function seedStory() {
  const agent = await seedUser("AGENT", { name: `Agent ${Math.random().toString(36).slice(2, 7)}` });
  const supervisor = await seedUser("SUPERVISOR");
  const tag = Math.random().toString(36).slice(2, 7).toUpperCase();
  const serial = `FLT8-${tag}-000123`;
  const refused = await seedTicket(db, {
    createdById: agent.id,
    serial,
    customerEmail: `kim.lee.${tag.toLowerCase()}@example.org`,
    status: "REFUSED",
    decision: "REFUSE",
  });
  const other = await seedTicket(db, { createdById: agent.id, serial: `FLT8-${tag}-000124`, status: "REVIEW", decision: "REVIEW" });
  await appendEvent({ actorId: agent.id, actorLabel: agent.name, action: "ticket.created", ticketId: refused.id, serial });
  return { agent, supervisor, tag, serial, refused, other };
}

/** Nothing on the page reaches past the right edge of the window. */
async function expectNoSidewaysScroll(page: Page, selector: string) {
  const overflow = await page.locator(selector).evaluate((el) => el.getBoundingClientRect().right - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const [viewport, size] of [
  ["desktop", { width: 1440, height: 900 }],
  ["390 px", { width: 390, height: 844 }],
] as const) {
  test.describe(`audit filters (${viewport})`, () => {
    test.use({ viewport: size });

    test("ticket search takes RT numbers, prefixes in any case and searchable dropdowns, and keeps what was typed", async ({ page }) => {
      const { supervisor, tag, serial, refused, agent } = await seedStory();
      await signIn(page, supervisor);
      await visit(page, "/audit/tickets");
      await expectNoSidewaysScroll(page, `form[action="/audit/tickets"]`);

      const ref = `rt-${refused.number}`;
      await page.getByLabel("Ticket", { exact: true }).fill(ref);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(new RegExp(`ticket=${ref}`));
      const table = page.getByRole("table", { name: "Tickets matching the filters" });
      await expect(table.getByText(ticketRef(refused.number))).toBeVisible();
      await expect(table.getByRole("row")).toHaveCount(2);
      await expect(page.getByLabel("Ticket", { exact: true })).toHaveValue(ref);

      await visit(page, "/audit/tickets");
      await page.getByLabel("Serial starts with").fill(`flt8-${tag.toLowerCase()}`);
      await page.getByLabel("Customer email starts with").fill(`KIM.LEE.${tag}`);
      await chooseFilter(page, "Status", "refu", "Refused");
      await chooseFilter(page, "Agent", agent.name, agent.name);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/status=REFUSED/);
      await expect(table.getByText(serial)).toBeVisible();
      await expect(table.getByRole("row")).toHaveCount(2);

      // A reload keeps every value, as typed.
      await reloadPage(page);
      await expect(page.getByLabel("Serial starts with")).toHaveValue(`flt8-${tag.toLowerCase()}`);
      await expect(page.getByLabel("Customer email starts with")).toHaveValue(`KIM.LEE.${tag}`);
      await expect(page.getByRole("combobox", { name: "Status", exact: true })).toContainText("Refused");
      await expect(page.getByRole("combobox", { name: "Agent", exact: true })).toContainText(agent.name);

      // A value that cannot be read is named by its label and stays in its field to be corrected.
      await visit(page, "/audit/tickets?ticket=RT-12x");
      await expect(page.getByText("This filter was ignored, its value is not valid: Ticket.")).toBeVisible();
      await expect(page.getByLabel("Ticket", { exact: true })).toHaveValue("RT-12x");
    });

    test("the audit log finds a ticket's events by RT number and an action through its dropdown", async ({ page }) => {
      const { supervisor, refused, serial } = await seedStory();
      await signIn(page, supervisor);
      await visit(page, "/audit/events");
      await expectNoSidewaysScroll(page, `form[action="/audit/events"]`);
      await page.getByLabel("Ticket", { exact: true }).fill(ticketRef(refused.number));
      await chooseFilter(page, "Action", "opened", "Opened the ticket");
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/action=ticket.created/);
      const events = page.getByRole("table", { name: "Audit events matching the filters" });
      await expect(events.getByText(serial)).toBeVisible();
      await expect(events.getByRole("row")).toHaveCount(2);

      // "Any" clears a dropdown; the serial prefix is enough on its own, in lower case.
      await chooseFilter(page, "Action", "any", "Any");
      await page.getByLabel("Ticket", { exact: true }).fill("");
      await page.getByLabel("Serial starts with").fill(serial.slice(0, 10).toLowerCase());
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/[?&]action=(&|$)/);
      await expect(events.getByText(serial)).toBeVisible();
    });
  });
}
