import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { seedTicket } from "@/lib/audit/testing/seed-tickets";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { db, seedUser } from "../support/db";
import { signIn } from "../support/session";

/** Presses "/" until the search box has focus (the first press may come before hydration). */
async function focusSearch(page: Page) {
  const box = page.getByLabel("Search tickets");
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(box).toBeFocused({ timeout: 1_000 });
  }).toPass();
  return box;
}

/** A token unique to this run, so searches find this spec's tickets only. */
const tag = () => randomBytes(4).toString("hex").toUpperCase();

test("press /, type an RT number, Enter: the ticket opens, and the box keeps what was typed", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const ticket = await seedTicket(db, { createdById: agent.id, customerName: `Rita Number ${tag()}` });
  await signIn(page, agent);

  const box = await focusSearch(page);
  const typed = `rt-${ticket.number}`;
  await page.keyboard.type(typed);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticket.id}$`));
  await expect(page.getByText(ticketRef(ticket.number)).first()).toBeVisible();
  await expect(box).toHaveValue(typed);
});

test("a name typed with accents finds the ticket written without, within the agent's scope only", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const other = await seedUser("AGENT");
  const surname = `Bronte${tag()}`;
  const mine = await seedTicket(db, { createdById: agent.id, customerName: `ZOE ${surname}`, createdAt: new Date(Date.now() - 60_000) });
  const shared = await seedTicket(db, { createdById: other.id, customerName: `Zoé ${surname}` });
  const hidden = await seedTicket(db, { createdById: other.id, customerName: `Zoe ${surname}` });
  await db.ticket.update({ where: { id: hidden.id }, data: { assigneeId: other.id } });
  await signIn(page, agent);

  await focusSearch(page);
  const query = `Zoë ${surname.replace("e", "ë")}`;
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tickets\/search\?q=/);
  await expect(page.getByLabel("Search tickets")).toHaveValue(query);
  const results = page.getByRole("table");
  // Newest first: the team's unassigned ticket, then the agent's own; never another agent's.
  await expect(results.getByRole("link")).toHaveText([ticketRef(shared.number), ticketRef(mine.number)]);
  await expect(page.getByRole("link", { name: ticketRef(hidden.number) })).toHaveCount(0);

  await results.getByRole("link", { name: ticketRef(mine.number) }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${mine.id}$`));
});

test("a serial prefix lists that recorder's tickets; the history card links the recorder's and requester's other tickets", async ({ page }) => {
  const supervisor = await seedUser("SUPERVISOR");
  const serial = `NVR8-${tag()}-000123`;
  const email = `kim.${tag().toLowerCase()}@history.test`;
  const first = await seedTicket(db, {
    createdById: supervisor.id,
    serial,
    customerEmail: email,
    status: "SENT",
    createdAt: new Date(Date.now() - 86_400_000),
  });
  await db.codeIssue.create({ data: { ticketId: first.id, kind: "FIRST", destination: "owner@history.test", actorId: supervisor.id, serial } });
  const second = await seedTicket(db, { createdById: supervisor.id, serial, customerEmail: `someone.${tag().toLowerCase()}@else.test` });
  const third = await seedTicket(db, { createdById: supervisor.id, serial: `DVR4-${tag()}-000001`, customerEmail: email });
  await signIn(page, supervisor);

  await page.getByLabel("Search tickets").fill(serial.slice(0, 10).toLowerCase());
  await page.getByLabel("Search tickets").press("Enter");
  await expect(page.getByRole("table").getByRole("link")).toHaveText([ticketRef(second.number), ticketRef(first.number)]);

  await page.goto(`/tickets/${second.id}`);
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("link")).toHaveText([ticketRef(first.number)]);
  await expect(history).toContainText("same recorder");
  await expect(history).toContainText("1 code issued");

  await history.getByRole("link", { name: ticketRef(first.number) }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/${first.id}$`));
  // From the first ticket: the same recorder's later ticket and the same requester's other one.
  await expect(page.getByRole("region", { name: "History" }).getByRole("link")).toHaveText([ticketRef(third.number), ticketRef(second.number)]);
});
