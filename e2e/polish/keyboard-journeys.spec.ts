// The day's work of an agent, a supervisor and an admin with the keyboard alone: no click, no
// programmatic focus. Each field and button is reached with Tab (or a documented shortcut), and
// everything is typed or pressed; a control that Tab cannot reach fails the journey.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { seedDevice, seedTicket, uniqueSerial } from "@/lib/audit/testing/seed-tickets";
import { recorderChallenge } from "@/lib/testing/fixtures";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { db, seedUser, type SeededUser } from "../support/db";
import { waitForMail } from "../support/mail";
import { pageReady, visit } from "../support/ready";
import { freshTotpCode } from "../support/session";

const MAX_TABS = 80;

// Typing key by key and walking with Tab is slow on a loaded 2-core runner: each journey gets three minutes.
test.describe.configure({ timeout: 180_000 });

/** Presses Tab (Shift+Tab with `back`) until `target` has focus; fails when it is not reachable that way. */
async function tabTo(page: Page, target: Locator, { back = false } = {}): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${target} is not reachable with ${back ? "Shift+Tab" : "Tab"} within ${MAX_TABS} presses`);
}

async function signInByKeyboard(page: Page, user: SeededUser) {
  await visit(page, "/login");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type(user.email);
  await tabTo(page, page.getByLabel("Password"));
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  // Supervisors and admins have an authenticator app: its code on /mfa, typed too.
  if (user.totpSecret) {
    await expect(page).toHaveURL(/\/mfa/, { timeout: 30_000 });
    await tabTo(page, page.getByLabel("Authentication code"));
    await page.keyboard.type(await freshTotpCode(user.totpSecret));
    await page.keyboard.press("Enter");
  }
  await expect(page).toHaveURL(/\/tickets$/, { timeout: 30_000 });
  await pageReady(page);
}

test("an agent opens a ticket from a pasted link, sends the code and finds the ticket again, by keyboard", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const device = await seedDevice(db, { serial: uniqueSerial("KEYS") });
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  const link = recorderChallenge({ serial: device.serial, reservedEmail: owner.email });
  await signInByKeyboard(page, agent);

  // "n" opens the intake; the name field has focus.
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/\/tickets\/new$/);
  await pageReady(page);
  await tabTo(page, page.getByLabel("Customer name"));
  await page.keyboard.type("Kim Keyboard");
  await tabTo(page, page.getByLabel("Contact email"));
  await page.keyboard.type(owner.email);
  // The link as the customer sent it, pasted (Ctrl+V inserts text the way this does).
  await tabTo(page, page.getByLabel("Reset link from the customer"));
  await page.keyboard.insertText(link);
  await expect(page.getByLabel("Challenge fields")).toContainText(device.serial);
  await tabTo(page, page.getByRole("button", { name: "Run checks and open ticket" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await pageReady(page);
  const ticketId = page.url().split("/").pop()!;
  const { number } = await db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
  await expect(page).toHaveTitle(`${ticketRef(number)} · Kim Keyboard · Reset Console`);

  // The send button, reached with Tab and pressed with Enter, asks first; Enter confirms.
  await tabTo(page, page.getByRole("button", { name: "Send code to owner" }));
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("alertdialog", { name: "Send the security code?" });
  await expect(confirm).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Code sent to the owner of record/)).toBeVisible();
  await waitForMail(owner.email);

  // Back to the queue ("g" then "t"), down to the ticket ("j"), open it (Enter).
  await page.keyboard.press("g");
  await page.keyboard.press("t");
  await expect(page).toHaveURL(/\/tickets$/);
  await pageReady(page);
  await tabTo(page, page.getByRole("combobox", { name: "Status" }));
  await page.keyboard.press("End"); // the last status: "All", so the sent ticket is listed
  await tabTo(page, page.getByRole("button", { name: "Apply" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/status=ALL/);
  await pageReady(page);
  const row = page.getByRole("link", { name: ticketRef(number) });
  for (let i = 0; i < 50 && !(await row.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("j");
  await expect(row).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/tickets/${ticketId}$`));
  await pageReady(page);
  await expect(page.getByRole("region", { name: "Ticket status" })).toContainText("Code sent");
});

test("a supervisor approves a ticket in review by keyboard", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const serial = uniqueSerial("KEYS");
  const device = await seedDevice(db, { serial });
  const ticket = await seedTicket(db, { createdById: agent.id, serial, deviceId: device.id, withChallenge: true });
  await signInByKeyboard(page, supervisor);

  // "g" then "r": the review queue; Tab to the ticket, Enter opens it.
  await page.keyboard.press("g");
  await page.keyboard.press("r");
  await expect(page).toHaveURL(/\/review$/);
  await pageReady(page);
  await tabTo(page, page.getByRole("link", { name: ticketRef(ticket.number) }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/review/${ticket.id}$`));
  await pageReady(page);

  await tabTo(page, page.getByLabel("Reason"));
  await page.keyboard.type("Called the owner of record on the registered number; they confirmed the request.");
  await tabTo(page, page.getByRole("button", { name: "Approve", exact: true }));
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await db.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("APPROVED");
  expect(await db.approval.count({ where: { ticketId: ticket.id, supervisorId: supervisor.id } })).toBe(1);
});

test("an admin changes a setting by keyboard", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  await signInByKeyboard(page, admin);

  // The header's Admin link, then the Settings tab, each reached with Tab and followed with Enter.
  await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/users$/);
  await pageReady(page);
  await tabTo(page, page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Settings" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin\/settings$/);
  await pageReady(page);

  // A limit above the default, so specs running beside this one are not held back by it.
  const field = page.getByLabel("Codes per agent per hour");
  const before = Number(await field.inputValue());
  const next = before === 25 ? 26 : 25;
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(String(next));
  await tabTo(page, page.getByRole("button", { name: "Save settings" }));
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await db.setting.findUnique({ where: { key: "maxIssuesPerAgentPerHour" } }))?.value).toBe(next);
  await expect(page.getByText(/Saved/)).toBeVisible();
});
