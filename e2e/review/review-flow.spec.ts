import { expect, test } from "@playwright/test";
import { seedDevice, seedTicket, uniqueSerial } from "@/lib/audit/testing/seed-tickets";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { db, seedUser } from "../support/db";
import { signIn } from "../support/session";
import { pageReady, visit } from "../support/ready";

/** A ticket waiting for review, expiring `minutes` from now (the queue's order: soonest first). */
async function waitingTicket(authorId: string, minutes: number, customerEmail?: string) {
  const serial = uniqueSerial("RVW");
  const device = await seedDevice(db, { serial });
  return seedTicket(db, {
    createdById: authorId,
    serial,
    deviceId: device.id,
    withChallenge: true,
    customerEmail,
    expiresAt: new Date(Date.now() + minutes * 60_000),
  });
}

test("a supervisor reads the whole thread and the requester's history, approves with 'a' and lands on the next ticket, refuses it with 'x'", async ({
  page,
}) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const email = `repeat-${Date.now()}@customer.test`;
  // Expiring within minutes: ahead of anything else waiting in the shared e2e database.
  const earlier = await waitingTicket(agent.id, 3, email);
  const first = await waitingTicket(agent.id, 1, email);
  const second = await waitingTicket(agent.id, 2);
  // A note added after the checks flagged the ticket is in the thread.
  await db.ticketNote.create({
    data: { ticketId: first.id, authorId: agent.id, body: "Customer called back: bought the recorder from the shop on the invoice." },
  });

  await signIn(page, supervisor);
  await visit(page, `/review/${first.id}`);
  await expect(page.getByRole("list", { name: "Notes" })).toContainText("Customer called back: bought the recorder from the shop on the invoice.");
  await expect(page.getByRole("list", { name: "Requester's other tickets" }).getByRole("link", { name: ticketRef(earlier.number) })).toBeVisible();

  // The shortcuts help lists the review keys.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("Approve and open the next ticket to review");
  await help.getByRole("button", { name: "Close" }).click();

  await page.keyboard.press("a");
  await expect(page).toHaveURL(new RegExp(`/review/${second.id}\\?decided=${first.number}&as=approved`));
  await expect(page.getByText(`${ticketRef(first.number)} approved. This is the next ticket waiting for review.`)).toBeVisible();
  const approved = await db.ticket.findUniqueOrThrow({ where: { id: first.id }, include: { approvals: true } });
  expect(approved.status).toBe("APPROVED");
  expect(approved.approvals).toEqual([expect.objectContaining({ supervisorId: supervisor.id, decision: "APPROVE" })]);

  // Refusing needs a reason: typed first, then out of the field (a key typed into it is text, not a shortcut).
  await pageReady(page);
  await page.getByLabel("Reason").fill("The caller could not say where the recorder was bought.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("x");
  await expect(page).not.toHaveURL(new RegExp(`/review/${second.id}`));
  await expect(page.getByText(`${ticketRef(second.number)} refused.`)).toBeVisible();
  const refused = await db.ticket.findUniqueOrThrow({ where: { id: second.id } });
  expect(refused.status).toBe("REFUSED");
  expect(await db.auditEvent.count({ where: { ticketId: second.id, action: "review.refused", actorId: supervisor.id } })).toBe(1);
});

test("two supervisors on the same ticket each see the other has it open, and the claim ends when one leaves", async ({ browser }) => {
  const agent = await seedUser("AGENT");
  const [sam, ria] = await Promise.all([seedUser("SUPERVISOR", { name: "Sam Claim" }), seedUser("SUPERVISOR", { name: "Ria Claim" })]);
  const ticket = await waitingTicket(agent.id, 50);
  const samPage = await (await browser.newContext()).newPage();
  const riaPage = await (await browser.newContext()).newPage();
  await signIn(samPage, sam);
  await signIn(riaPage, ria);

  await visit(samPage, `/review/${ticket.id}`);
  await expect(samPage.getByTestId("claim-indicator")).toHaveText("");
  await visit(riaPage, `/review/${ticket.id}`);
  // Ria's page renders with Sam's claim; Sam's page hears Ria's (live channel) without a reload.
  await expect(riaPage.getByTestId("claim-indicator")).toContainText("Sam Claim also has this ticket open");
  await expect(samPage.getByTestId("claim-indicator")).toContainText("Ria Claim also has this ticket open", { timeout: 20_000 });

  await visit(riaPage, "/review");
  await expect(samPage.getByTestId("claim-indicator")).toHaveText("", { timeout: 20_000 });
  await samPage.context().close();
  await riaPage.context().close();
});
