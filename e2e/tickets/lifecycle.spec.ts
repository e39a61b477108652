import { expect, test, type Page } from "@playwright/test";
import { seedDevice, seedTicket, uniqueSerial } from "@/lib/audit/testing/seed-tickets";
import type { CheckResult } from "@/lib/tickets/checks/types";
import { db, seedUser } from "../support/db";
import { callServerAction, serverActionId } from "../support/server-actions";
import { visit } from "../support/ready";
import { signIn } from "../support/session";

const REFERENCE = (n: number) => `RT-${String(n).padStart(6, "0")}`;
const READY_CHECKS: CheckResult[] = [
  { check: "challenge", id: "TAG_VALID", outcome: "pass", label: "Challenge signature", reason: "The recorder signed this challenge." },
];
const STOLEN_CHECKS: CheckResult[] = [
  { check: "challenge", id: "TAG_VALID", outcome: "pass", label: "Challenge signature", reason: "The recorder signed this challenge." },
  {
    check: "device",
    id: "DEVICE_STOLEN",
    outcome: "refuse",
    label: "Registry status",
    reason: "This recorder is reported stolen (internal: never tell the requester).",
  },
];

async function readyTicket(agentId: string, options: { expiresAt?: Date; status?: "READY" | "REFUSED"; stolen?: boolean } = {}) {
  const serial = uniqueSerial("E2E");
  const device = await seedDevice(db, { serial });
  if (options.stolen) await db.device.update({ where: { id: device.id }, data: { status: "STOLEN" } });
  const ticket = await seedTicket(db, {
    createdById: agentId,
    serial,
    deviceId: device.id,
    withChallenge: true,
    status: options.status ?? "READY",
    decision: options.status === "REFUSED" ? "REFUSE" : "ISSUE",
    checks: options.stolen ? STOLEN_CHECKS : READY_CHECKS,
    expiresAt: options.expiresAt,
  });
  await db.ticket.update({ where: { id: ticket.id }, data: { assigneeId: agentId, customerPhone: "+44 20 7946 0018", channel: "PHONE" } });
  return ticket;
}

async function statusBadge(page: Page, label: string) {
  await expect(page.getByRole("region", { name: "Ticket status" }).getByText(label, { exact: true })).toBeVisible();
}

test("an agent resolves a ticket with an outcome and reopens it with a reason", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const ticket = await readyTicket(agent.id);
  await signIn(page, agent);
  await visit(page, `/tickets/${ticket.id}`);
  await expect(page.getByTestId("assignee")).toHaveText(`Assigned to ${agent.name}`);

  // "Other" needs a note: refused without one, nothing changes.
  await page.getByLabel("Other", { exact: true }).check();
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("Say how the ticket ended.")).toBeVisible();
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("READY");

  await page.getByLabel("Customer unreachable").check();
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByTestId("resolution")).toContainText("Customer unreachable");
  await statusBadge(page, "Resolved");
  expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "RESOLVED", resolution: "UNREACHABLE" });

  await page.getByLabel("Reason for reopening").fill("The customer called back with the recorder in front of them.");
  await page.getByRole("button", { name: "Reopen" }).click();
  await statusBadge(page, "Ready to send");
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("READY");
  const trail = await db.auditEvent.findMany({
    where: { ticketId: ticket.id, action: { in: ["ticket.resolved", "ticket.reopened"] } },
    orderBy: { seq: "asc" },
  });
  expect(trail.map((e) => [e.action, e.actorId])).toEqual([
    ["ticket.resolved", agent.id],
    ["ticket.reopened", agent.id],
  ]);
  await expect(page.getByRole("region", { name: "Audit timeline" }).getByText(/reopened the ticket \(back to [a-z ]+\), reason: /)).toBeVisible();
});

test("a duplicate names an existing ticket, and both tickets link to each other", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const first = await readyTicket(agent.id);
  const second = await readyTicket(agent.id);
  await signIn(page, agent);
  await visit(page, `/tickets/${second.id}`);
  await page.getByLabel("Duplicate of RT-…").check();
  await page.getByLabel("Duplicate of ticket").fill("RT-999999999");
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("There is no ticket RT-999999999.")).toBeVisible();
  await page.getByLabel("Duplicate of ticket").fill(REFERENCE(first.number));
  await page.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByTestId("resolution").getByRole("link", { name: REFERENCE(first.number) })).toBeVisible();
  await visit(page, `/tickets/${first.id}`);
  await expect(page.getByRole("list", { name: "Linked tickets" }).getByRole("link", { name: REFERENCE(second.number) })).toBeVisible();
});

test("a lapsed ticket expires by itself and its page says what to ask for next", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const ticket = await readyTicket(agent.id, { expiresAt: new Date(Date.now() - 60_000) });
  // The scheduler moves it, not the page: wait in the database without opening the page.
  await expect.poll(async () => (await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status, { timeout: 20_000 }).toBe("EXPIRED");
  expect(await db.auditEvent.count({ where: { ticketId: ticket.id, action: "ticket.expired", actorId: null } })).toBe(1);
  await signIn(page, agent);
  await visit(page, `/tickets/${ticket.id}`);
  await statusBadge(page, "Expired");
  await expect(page.getByText("Ask the customer for a new photo of the QR code: the old one has expired")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send code to owner" })).toHaveCount(0);

  // The follow-up ticket starts with this customer's details.
  await page.getByRole("link", { name: "New ticket for this customer" }).click();
  await expect(page).toHaveURL(new RegExp(`/tickets/new\\?from=${ticket.id}`));
  await expect(page.getByLabel("Customer name")).toHaveValue(ticket.customerName);
  await expect(page.getByLabel("Contact email")).toHaveValue(ticket.customerEmail);
  await expect(page.getByRole("textbox", { name: "Phone" })).toHaveValue("+44 20 7946 0018");
  await expect(page.getByRole("radio", { name: "Phone" })).toBeChecked();
});

test("an agent escalates a stolen recorder; a supervisor sees the badge, the queue and the dashboard alert, and closes it", async ({ browser }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const ticket = await readyTicket(agent.id, { status: "REFUSED", stolen: true });

  const agentPage = await (await browser.newContext()).newPage();
  await signIn(agentPage, agent);
  await visit(agentPage, `/tickets/${ticket.id}`);
  // What the agent is told to say never tips off the requester.
  const nextStep = agentPage.getByRole("status").filter({ hasText: "Next step" });
  await expect(nextStep).toContainText("We need to verify ownership");
  await expect(nextStep).not.toContainText(/stolen/i);
  await agentPage.getByLabel("Note for the supervisor").fill("Caller was pushy about the reset.");
  await agentPage.getByRole("button", { name: "Escalate" }).click();
  const said = agentPage.getByText("Escalated to a supervisor.");
  await expect(said).toBeVisible();
  await expect(said).toContainText("We need to verify ownership");
  await expect(said).not.toContainText(/stolen/i);
  await expect(agentPage.getByRole("button", { name: "Escalate" })).toHaveCount(0);

  const page = await (await browser.newContext()).newPage();
  await signIn(page, supervisor);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: /Escalations/ })).toContainText(/\d+/);
  await visit(page, "/audit");
  await expect(page.getByText(/escalations? waits? for a supervisor/)).toBeVisible();
  await page.getByRole("link", { name: "Open the escalations queue" }).click();
  const row = page.getByRole("row").filter({ hasText: REFERENCE(ticket.number) });
  await expect(row).toContainText("Stolen recorder");
  await expect(row).toContainText("Caller was pushy about the reset.");
  await row.getByRole("button", { name: "Take" }).click();
  await expect(row).toContainText(supervisor.name);
  await row.getByLabel(`Note on closing ${REFERENCE(ticket.number)}`).fill("Owner of record contacted; police report on file.");
  await row.getByRole("button", { name: "Close escalation" }).click();
  await expect(page.getByRole("row").filter({ hasText: REFERENCE(ticket.number) })).toHaveCount(0);

  const escalation = await db.escalation.findFirstOrThrow({ where: { ticketId: ticket.id } });
  expect(escalation).toMatchObject({ kind: "STOLEN", createdById: agent.id, takenById: supervisor.id, closedById: supervisor.id });
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).escalatedAt).toBeNull();
  const trail = await db.auditEvent.findMany({
    where: { ticketId: ticket.id, action: { in: ["ticket.escalated", "escalation.taken", "escalation.closed"] } },
    orderBy: { seq: "asc" },
  });
  expect(trail.map((e) => e.action)).toEqual(["ticket.escalated", "escalation.taken", "escalation.closed"]);
});

test("the queue's saved views and sorting", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const mine = await readyTicket(agent.id);
  await signIn(page, agent);
  await visit(page, "/tickets");
  const views = page.getByRole("navigation", { name: "Saved views" });
  for (const name of ["Mine, open", "Ready to send", "Waiting for review", "Escalated"]) await expect(views.getByRole("link", { name })).toBeVisible();
  await views.getByRole("link", { name: "Mine, open" }).click();
  await expect(page).toHaveURL(/view=mine/);
  await expect(page.getByRole("link", { name: REFERENCE(mine.number) })).toBeVisible();
  await views.getByRole("link", { name: "Escalated" }).click();
  await expect(page.getByRole("link", { name: REFERENCE(mine.number) })).toHaveCount(0);
  await page.getByLabel("Sort by").selectOption("age");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/view=escalated.*sort=age|sort=age.*view=escalated/);
});

test("transitions called directly: another agent's ticket and an agent closing an escalation are refused, nothing changes", async ({ page }) => {
  const owner = await seedUser("AGENT");
  const intruder = await seedUser("AGENT");
  const ticket = await readyTicket(owner.id);
  const escalation = await db.escalation.create({ data: { ticketId: ticket.id, kind: "CHECK", createdById: owner.id } });
  await db.ticket.update({ where: { id: ticket.id }, data: { escalatedAt: escalation.createdAt } });

  await signIn(page, intruder);
  const resolveId = serverActionId("app/actions/tickets.ts", "resolveTicketAction");
  const resolved = await callServerAction(page, { path: `/tickets`, id: resolveId, fields: { ticketId: ticket.id, outcome: "UNREACHABLE" } });
  expect(resolved).toContain("No such ticket, or it is not yours to act on.");
  const closeId = serverActionId("app/actions/escalations.ts", "closeEscalationAction");
  const closed = await callServerAction(page, { path: "/tickets", id: closeId, fields: { escalationId: escalation.id, note: "Closing it myself." } });
  expect(closed).toContain("Your role does not allow this.");

  expect(await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({ status: "READY", resolution: null });
  expect((await db.escalation.findUniqueOrThrow({ where: { id: escalation.id } })).closedAt).toBeNull();
  expect(
    await db.auditEvent.count({ where: { action: "auth.denied", actorId: intruder.id, details: { path: ["what"], equals: "action:closeEscalation" } } }),
  ).toBe(1);
});
