import { expect, test } from "@playwright/test";
import { seedDevice, seedTicket, uniqueSerial } from "@/lib/audit/testing/seed-tickets";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { db, seedUser } from "../support/db";
import { callServerAction, serverActionId } from "../support/server-actions";
import { signIn } from "../support/session";
import { pageReady, reloadPage, visit } from "../support/ready";

const ACTIONS_FILE = "app/actions/review.ts";

async function reviewTicketBy(authorId: string) {
  const serial = uniqueSerial("E2E");
  const device = await seedDevice(db, { serial });
  const ticket = await seedTicket(db, { createdById: authorId, serial, deviceId: device.id, withChallenge: true });
  return { ticket, serial };
}

test("a second supervisor sees the evidence and approves to another address with a reason", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const { ticket, serial } = await reviewTicketBy(agent.id);

  await signIn(page, supervisor);
  await visit(page, "/review");
  await page.getByRole("link", { name: ticketRef(ticket.number) }).click();
  await expect(page.getByRole("heading", { name: `Ticket ${ticketRef(ticket.number)}` })).toBeVisible();
  await pageReady(page);
  const checks = page.getByRole("list", { name: "Checks" });
  await expect(checks.getByText("REQUESTER_EMAIL_DIFFERS")).toBeVisible();
  await expect(checks.getByText("The recorder's clock is 2 hours ahead.")).toBeVisible();
  await expect(page.getByText("Serial number")).toBeVisible();
  await expect(page.getByText("7200 s ahead")).toBeVisible();
  await expect(page.getByText(serial).first()).toBeVisible();

  await page.getByLabel("Send the code to another address (optional)").fill("new.mailbox@customer.test");
  await page.getByLabel("Reason").fill("short");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  // The error is announced with the field (aria-describedby), next to the hint that says the same rule.
  await expect(page.getByLabel("Reason")).toHaveAccessibleDescription(/needs a written reason/);
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("REVIEW");

  await page.getByLabel("Reason").fill("Owner verified on the phone; the registered mailbox was closed by the ISP.");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText("Approved. The agent can now send the code.")).toBeVisible();

  const after = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { approvals: true } });
  expect(after.status).toBe("APPROVED");
  expect(after.approvedDestination).toBe("new.mailbox@customer.test");
  expect(after.approvals).toEqual([expect.objectContaining({ supervisorId: supervisor.id, decision: "APPROVE", destination: "new.mailbox@customer.test" })]);
  const event = await db.auditEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: "review.approved" } });
  expect(event.actorId).toBe(supervisor.id);
  expect(event.details).toMatchObject({ alternateDestination: true, destination: "n***x@customer.test" });

  await reloadPage(page);
  await expect(page.getByRole("list", { name: "Supervisor decisions" })).toContainText("Approved by");
  await expect(
    page
      .getByRole("region", { name: "Audit timeline" })
      .getByText(/approved, the code to go to n\*\*\*x@customer\.test instead of the owner of record, reason: Owner verified/),
  ).toBeVisible();
});

test("the ticket's agent calling the approve action directly is refused and nothing changes", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const { ticket } = await reviewTicketBy(agent.id);
  await signIn(page, agent);
  const id = serverActionId(ACTIONS_FILE, "decideReviewAction");
  const answer = await callServerAction(page, {
    path: "/review",
    id,
    fields: { ticketId: ticket.id, decision: "APPROVE", reason: "I approve my own ticket, trust me please.", destination: "attacker@evil.test" },
  });
  expect(answer).toContain("Your role does not allow this.");
  const after = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
  expect(after).toMatchObject({ status: "REVIEW", approvedDestination: null });
  expect(await db.approval.count({ where: { ticketId: ticket.id } })).toBe(0);
  expect(await db.auditEvent.count({ where: { actorId: agent.id, action: "auth.denied", details: { path: ["what"], equals: "action:decideReview" } } })).toBe(
    1,
  );
});

test("a supervisor cannot decide a ticket they opened themselves (four eyes), not even by calling the action", async ({ page }) => {
  const author = await seedUser("SUPERVISOR");
  const { ticket } = await reviewTicketBy(author.id);
  await signIn(page, author);
  await visit(page, `/review/${ticket.id}`);
  await expect(page.getByText("You opened this ticket, so another supervisor must approve or refuse it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toHaveCount(0);

  const id = serverActionId(ACTIONS_FILE, "decideReviewAction");
  const answer = await callServerAction(page, { path: `/review/${ticket.id}`, id, fields: { ticketId: ticket.id, decision: "APPROVE", reason: "" } });
  expect(answer).toContain("Four eyes");
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("REVIEW");
  expect(await db.approval.count({ where: { ticketId: ticket.id } })).toBe(0);
});

test("a supervisor refuses with a reason; the refusal shows on the ticket", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const { ticket } = await reviewTicketBy(agent.id);
  await signIn(page, supervisor);
  await visit(page, `/review/${ticket.id}`);
  await page.getByLabel("Reason").fill("The caller could not name the recorder's location.");
  await page.getByRole("button", { name: "Refuse", exact: true }).click();
  await expect(page.getByText("Refused. The agent has been shown your reason.")).toBeVisible();
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("REFUSED");
  expect(await db.auditEvent.count({ where: { ticketId: ticket.id, action: "review.refused", actorId: supervisor.id } })).toBe(1);
});
