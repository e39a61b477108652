import { expect, test } from "@playwright/test";
import { recorderChallenge, seedDevice } from "@/lib/testing/fixtures";
import { db, seedUser } from "../support/db";
import { codeFromMail, waitForMail } from "../support/mail";
import { signIn } from "../support/session";
import { codeForChallenge } from "../support/simulator";
import { pageReady, reloadPage, visit } from "../support/ready";

test("an agent opens a ticket from a pasted link, sends the code, and only the owner receives it", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const device = await seedDevice(db);
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  const link = recorderChallenge({ serial: device.serial, reservedEmail: owner.email });
  const code = codeForChallenge(link);

  await signIn(page, agent);
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/\/tickets\/new/);
  await pageReady(page);
  await page.getByLabel("Customer name").fill("Olivia Owner");
  await page.getByLabel("Contact email").fill(owner.email);
  await page.getByRole("radio", { name: "Email" }).check();
  // As a mail client breaks it: line breaks and a quote marker inside the link.
  await page.getByLabel("Reset link from the customer").fill(`${link.slice(0, 60)}\n> ${link.slice(60, 130)}\n${link.slice(130)}`);
  await expect(page.getByLabel("Challenge fields")).toContainText(device.serial);
  await page.getByRole("button", { name: "Run checks and open ticket" }).click();

  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await pageReady(page);
  await expect(page.getByRole("heading", { name: /Checks: issue the code/ })).toBeVisible();
  // The bar at the top keeps the state and the one next action in view.
  const bar = page.getByRole("region", { name: "Ticket status" });
  await expect(bar).toContainText("Ready to send");
  await expect(bar.getByTestId("next-action")).toHaveText("Send the code to the owner of record (s)");
  expect(await bar.evaluate((el) => getComputedStyle(el).position)).toBe("sticky");
  // A clean ticket has nothing to flag: its checks are folded under one line.
  await page.getByText("All 8 checks passed").click();
  const checks = page.getByRole("list", { name: "Passed checks" });
  await expect(checks.getByRole("listitem")).toHaveCount(8);
  await expect(checks).toContainText("TAG_VALID");

  // Sending cannot be undone: the "s" shortcut asks first, Escape backs out, Enter confirms.
  await page.keyboard.press("s");
  const confirm = page.getByRole("alertdialog", { name: "Send the security code?" });
  await expect(confirm).toContainText(owner.email.replace(/^(.).*(.)@/, "$1***$2@"));
  await page.keyboard.press("Escape");
  await expect(confirm).toHaveCount(0);
  expect(await db.codeIssue.count({ where: { ticket: { customerName: "Olivia Owner", serial: device.serial } } })).toBe(0);
  await page.getByRole("button", { name: "Send code to owner" }).click();
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Code sent to the owner of record/)).toBeVisible();
  await expect(bar).toContainText("Code sent");
  await expect(bar.getByTestId("next-action")).toHaveText("When the customer confirms the reset, resolve the ticket");
  await expect(page.getByText("Sent", { exact: false }).first()).toBeVisible();

  const [received] = await waitForMail(owner.email);
  expect(received!.envelopeTo).toEqual([owner.email]);
  expect(codeFromMail(received!.mail)).toBe(code);
  expect(received!.mail.html).toContain(`${code.slice(0, 4)}-${code.slice(4)}`);

  // Nobody in the console sees the code: not the page, not the API the page uses.
  await reloadPage(page);
  expect(await page.content()).not.toContain(code);
  const ticketId = page.url().split("/").pop()!;
  const ticket = await db.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { codeIssues: true, outbox: true } });
  expect(ticket.status).toBe("SENT");
  expect(ticket.codeIssues.map((i) => i.destination)).toEqual([owner.email]);
  await expect.poll(async () => (await db.outboxEmail.findFirstOrThrow({ where: { ticketId } })).status).toBe("SENT");
  const actions = (await db.auditEvent.findMany({ where: { ticketId }, orderBy: { seq: "asc" } })).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(["ticket.created", "ticket.checks_run", "ticket.decided", "code.issued", "email.sent"]));
});

test("a request from another address waits for a supervisor, who reads the agent's note to the reviewer; it cannot be sent", async ({ page, browser }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const device = await seedDevice(db);
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  await signIn(page, agent);
  await visit(page, "/tickets/new");
  await page.getByLabel("Customer name").fill("Someone Else");
  await page.getByLabel("Contact email").fill("someone.else@e2e.test");
  await page.getByLabel("Reset link from the customer").fill(recorderChallenge({ serial: device.serial, reservedEmail: owner.email }));
  await page.getByRole("button", { name: "Run checks and open ticket" }).click();
  await expect(page.getByRole("heading", { name: /a supervisor must review/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Checks" })).toContainText("REQUESTER_EMAIL_DIFFERS");
  await expect(page.getByRole("button", { name: "Send code to owner" })).toHaveCount(0);
  await expect(page.getByText("Waiting for a supervisor. You will see their decision here.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Ticket status" }).getByTestId("next-action")).toHaveText("Waiting for a supervisor's decision");

  // Going to review asks the agent for a note to the reviewer, shown in one thread on both pages.
  await page.getByLabel("Note to reviewer").fill("Caller named the shop and the install date; asked them to use the owner's mailbox.");
  await page.getByRole("button", { name: "Add note to reviewer" }).click();
  await expect(page.getByRole("list", { name: "Notes" })).toContainText("Note to reviewer");
  await expect(page.getByLabel("Internal note")).toBeVisible();
  const ticketId = page.url().split("/").pop()!;
  const reviewContext = await browser.newContext();
  const review = await reviewContext.newPage();
  await signIn(review, supervisor);
  await visit(review, `/review/${ticketId}`);
  const thread = review.getByRole("list", { name: "Notes" });
  await expect(thread).toContainText("Note to reviewer");
  await expect(thread).toContainText("Caller named the shop and the install date");
  await reviewContext.close();
});

test("an unreadable link is a clear field error and opens no ticket", async ({ page }) => {
  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  await visit(page, "/tickets/new");
  await page.getByLabel("Customer name").fill("Typo");
  await page.getByLabel("Contact email").fill("typo@e2e.test");
  await page.getByLabel("Reset link from the customer").fill("https://reset.example.com/rp1?s=ABC");
  await page.getByRole("button", { name: "Run checks and open ticket" }).click();
  await expect(page.getByText("The QR code could not be read as a reset request.")).toBeVisible();
  const field = page.getByLabel("Reset link from the customer");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  // Plain words and a reply to copy, as the agent types, and the same words from the server.
  await expect(page.getByTestId("link-problem")).toContainText("The link is cut off: ask the customer to copy all of it.");
  await expect(page.locator(`#${await field.getAttribute("aria-describedby")}`)).toHaveText("The link is cut off: ask the customer to copy all of it.");
  expect(await db.ticket.count({ where: { createdById: agent.id } })).toBe(0);
});

test("a whole chat message pasted into the link box finds the link in it", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const device = await seedDevice(db);
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  const link = recorderChallenge({ serial: device.serial, reservedEmail: owner.email });
  await signIn(page, agent);
  await visit(page, "/tickets/new");
  await page.getByLabel("Customer name").fill("Chat Customer");
  await page.getByLabel("Contact email").fill(owner.email);
  await page
    .getByLabel("Reset link from the customer")
    .fill(`Kim 10:42\nhi! this is what my phone shows: <${link.slice(0, 80)}\n${link.slice(80)}>.\nthanks so much`);
  await expect(page.getByLabel("Challenge fields")).toContainText(device.serial);
  await page.getByRole("button", { name: "Run checks and open ticket" }).click();
  await expect(page.getByRole("heading", { name: /Checks: issue the code/ })).toBeVisible();
});

test("the queue lists open tickets by urgency and j/k + Enter open one", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const device = await seedDevice(db);
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  await signIn(page, agent);
  for (const name of ["First Customer", "Second Customer"]) {
    await visit(page, "/tickets/new");
    await page.getByLabel("Customer name").fill(name);
    await page.getByLabel("Contact email").fill(owner.email);
    await page.getByLabel("Reset link from the customer").fill(recorderChallenge({ serial: device.serial, reservedEmail: owner.email }));
    await page.keyboard.press("Control+Enter");
    await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  }
  await visit(page, "/tickets?assignee=me");
  const rows = page.locator("[data-queue-link]");
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("table")).toContainText("First Customer");
  await expect(page.locator("time").first()).toContainText(/h \d+ min left/);
  await page.keyboard.press("j");
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /Second Customer/ })).toBeVisible();
  await pageReady(page);
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
});
