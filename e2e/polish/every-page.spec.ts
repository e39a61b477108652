// Every page of the console, as each role reaches it, at a desktop width and a 390 px phone:
// axe (WCAG 2.0/2.1 A and AA) finds nothing, nothing scrolls sideways, the browser reports no
// console errors or failed requests (icons included), the tab title says what is open, and (on
// the desktop) every keyboard stop shows a focus ring of at least 3:1. One spec visits them all,
// so the suite stays short: each visit runs every check once. `npm test` runs every role at the
// phone width and the agent's pages (the ones used all day) at the desktop width too; `npm run
// bench:pages` (EVERY_PAGE_ALL_WIDTHS=1) runs every role at both widths.
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { seedDevice, seedTicket, uniqueSerial } from "@/lib/audit/testing/seed-tickets";
import { recorderChallenge } from "@/lib/testing/fixtures";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { db, seedUser, type SeededUser } from "../support/db";
import { waitForMail } from "../support/mail";
import { expectNoAxeViolations, expectNoSidewaysScroll, expectVisibleFocus, watchProblems } from "../support/page-checks";
import { visit } from "../support/ready";
import { signIn } from "../support/session";
import { openRetrieveScreen, seedRecorder } from "../support/simulator";

const APP = "Reset Console";
const WIDTHS = [
  { name: "desktop", viewport: { width: 1440, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

type Visit = { path: string; title: string | RegExp; status?: number; then?: (page: Page) => Promise<void> };

/** Visits each page in turn and runs every check on it; the failures of all pages are reported together. */
async function checkPages(page: Page, desktop: boolean, visits: Visit[]) {
  const problems = watchProblems(page);
  for (const v of visits) {
    await test.step(v.path, async () => {
      const status = v.status ?? 200;
      const url = new URL(v.path, page.url().startsWith("http") ? page.url() : test.info().project.use.baseURL).href;
      problems.expectStatus(url, status === 200 ? null : status);
      const response = await visit(page, v.path);
      expect(response?.status(), `${v.path} answers`).toBe(status);
      await v.then?.(page);
      await expect.soft(page, `${v.path} names itself in the tab`).toHaveTitle(v.title);
      await expectNoSidewaysScroll(page, v.path);
      await expectNoAxeViolations(page, v.path);
      if (desktop) await expectVisibleFocus(page, v.path);
      expect.soft(problems.take(), `${v.path}: console errors and failed requests`).toEqual([]);
    });
  }
}

/** A ticket opened through the API as `agent` would through the form: the checks ran, a code was sent. */
async function openSentTicket(page: Page, customerName: string) {
  const device = await seedDevice(db, { serial: uniqueSerial("A11Y") });
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  const created = await page.request.post("/api/v1/tickets", {
    data: {
      customerName,
      customerEmail: owner.email,
      channel: "EMAIL",
      challengeText: recorderChallenge({ serial: device.serial, reservedEmail: owner.email }),
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await page.request.post(`/api/v1/tickets/${id}/issue`, { data: {} })).status()).toBe(201);
  const { number } = await db.ticket.findUniqueOrThrow({ where: { id } });
  return { id, ref: ticketRef(number), serial: device.serial };
}

/** The narrow layout of a list: rows are cards and each cell is labelled with its column. */
async function expectCards(page: Page, column: string) {
  const cell = page.locator(`table.data-table td[data-label="${column}"]`).first();
  await expect(cell).toBeVisible();
  expect(await cell.evaluate((td) => [getComputedStyle(td.parentElement!).display, getComputedStyle(td, "::before").content])).toEqual([
    "block",
    expect.stringContaining(column),
  ]);
}

async function anonymousPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport });
  return { page: await context.newPage(), close: () => context.close() };
}

const ALL_WIDTHS = process.env.EVERY_PAGE_ALL_WIDTHS === "1";

for (const { name, viewport } of WIDTHS) {
  const desktop = name === "desktop";
  /** Whether this role's pages are visited at this width in this run (see the top of the file). */
  const everyRole = !desktop || ALL_WIDTHS;
  test.describe(`every page at ${viewport.width} px`, () => {
    test.use({ viewport });
    // Up to nine pages a test, each with axe, a focus walk and the other checks: minutes, not seconds, on a busy 2-core runner.
    test.setTimeout(300_000);

    if (everyRole)
      test(`${name}: sign-in, invitation and the app's icons`, async ({ page }) => {
        await checkPages(page, desktop, [
          { path: "/login", title: `Sign in · ${APP}` },
          { path: `/invite/${randomUUID()}?token=not-a-token`, title: `Set your password · ${APP}` },
        ]);
        // Every icon the pages and the manifest point at is there (a 404 here is a broken tab or home-screen icon).
        const links = await page
          .locator('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')
          .evaluateAll((els) => els.map((el) => (el as HTMLLinkElement).href));
        const manifestUrl = links.find((l) => l.endsWith(".webmanifest"));
        expect(manifestUrl, "the pages link a web manifest").toBeTruthy();
        const manifest = (await (await page.request.get(manifestUrl!)).json()) as { name: string; icons: { src: string; sizes: string; type: string }[] };
        expect(manifest.name).toBe(APP);
        expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
        for (const url of ["/favicon.ico", ...links, ...manifest.icons.map((i) => i.src)]) {
          const response = await page.request.get(url);
          expect(response.status(), url).toBe(200);
          expect(response.headers()["content-type"], url).toMatch(/^image\/|manifest\+json/);
        }
      });

    test(`${name}: an agent's pages, the virtual recorder, and the 403 and 404 pages`, async ({ page }) => {
      const agent = await seedUser("AGENT");
      await signIn(page, agent);
      const ticket = await openSentTicket(page, "Kim Lee");
      const recorder = await seedRecorder();
      await checkPages(page, desktop, [
        // All statuses: the agent's own ticket is already sent, and the open queue may be empty.
        { path: "/tickets?status=ALL", title: `Tickets · ${APP}`, then: desktop ? undefined : (p) => expectCards(p, "Customer") },
        { path: "/tickets/new", title: `New ticket · ${APP}` },
        { path: `/tickets/${ticket.id}`, title: `${ticket.ref} · Kim Lee · ${APP}` },
        { path: "/tickets/search?q=Kim", title: `Search tickets · ${APP}` },
        { path: "/account", title: `Account · ${APP}` },
        { path: "/simulator", title: `Virtual recorder · ${APP}` },
        { path: "/admin/users", title: new RegExp(`· ${APP}$`), status: 403 },
        { path: `/tickets/${randomUUID()}`, title: `Not found · ${APP}`, status: 404 },
      ]);
      // The virtual recorder showing its QR code, the screen the customer photographs.
      await openRetrieveScreen(page, { serial: recorder.serial, email: recorder.email });
      await checkPages(page, desktop, [{ path: "/simulator", title: `Virtual recorder · ${APP}` }]);
    });

    if (everyRole)
      test(`${name}: a supervisor's review, escalation and reply pages`, async ({ page }) => {
        const agent = await seedUser("AGENT");
        const supervisor = await seedUser("SUPERVISOR");
        const serial = uniqueSerial("A11Y");
        const device = await seedDevice(db, { serial });
        const review = await seedTicket(db, { createdById: agent.id, serial, deviceId: device.id, withChallenge: true, customerName: "Robin Requester" });
        const ref = ticketRef(review.number);
        await signIn(page, supervisor);
        await checkPages(page, desktop, [
          { path: "/review", title: `Review · ${APP}`, then: desktop ? undefined : (p) => expectCards(p, "Ticket") },
          { path: `/review/${review.id}`, title: `${ref} · Robin Requester · Review · ${APP}` },
          { path: `/tickets/${review.id}`, title: `${ref} · Robin Requester · ${APP}` },
          { path: "/escalations", title: `Escalations · ${APP}` },
          { path: "/templates", title: `Customer replies · ${APP}` },
        ]);
      });

    if (everyRole)
      test(`${name}: a supervisor's audit pages`, async ({ page }) => {
        const agent = await seedUser("AGENT");
        const supervisor = await seedUser("SUPERVISOR");
        const serial = uniqueSerial("A11Y");
        const device = await seedDevice(db, { serial });
        await seedTicket(db, { createdById: agent.id, serial, deviceId: device.id, withChallenge: true });
        await signIn(page, supervisor);
        await checkPages(page, desktop, [
          { path: "/audit", title: `Audit · ${APP}` },
          { path: "/audit/tickets", title: `Ticket search · ${APP}` },
          { path: "/audit/events", title: `Audit log · ${APP}` },
          { path: `/audit/devices/${serial}`, title: `${serial} · Device history · ${APP}` },
        ]);
      });

    if (everyRole)
      test(`${name}: an admin's users, devices, import and settings, and an invitation`, async ({ page, browser }) => {
        const admin: SeededUser = await seedUser("ADMIN");
        const serial = uniqueSerial("A11Y");
        await seedDevice(db, { serial });
        await signIn(page, admin);
        await checkPages(page, desktop, [
          { path: "/admin/users", title: `Users · ${APP}`, then: desktop ? undefined : (p) => expectCards(p, "Email") },
          { path: "/admin/devices", title: `Devices · ${APP}` },
          { path: `/admin/devices/${serial}`, title: `${serial} · Device · ${APP}` },
          { path: "/admin/import", title: `Import devices · ${APP}` },
          { path: "/admin/settings", title: `Settings · ${APP}` },
          { path: "/admin/api-tokens", title: `API tokens · ${APP}` },
          { path: "/admin/webhooks", title: `Webhooks · ${APP}` },
        ]);
        // The invitation as the invitee opens it: the set-password form.
        const email = `a11y-${randomUUID().slice(0, 8)}@e2e.test`;
        await visit(page, "/admin/users");
        await page.getByLabel("Name").fill("Ivy Invitee");
        await page.getByLabel("Email", { exact: true }).fill(email);
        await page.getByRole("button", { name: "Invite", exact: true }).click();
        await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
        const [mail] = await waitForMail(email);
        const link = /https?:\/\/\S+(\/invite\/[0-9a-f-]{36}\?token=[A-Za-z0-9_-]+)/.exec(mail!.mail.text ?? "")?.[1];
        expect(link).toBeTruthy();
        const invitee = await anonymousPage(browser, viewport);
        await checkPages(invitee.page, desktop, [{ path: link!, title: `Set your password · ${APP}` }]);
        await expect(invitee.page.getByLabel("New password")).toBeVisible();
        await invitee.close();
      });
  });
}
