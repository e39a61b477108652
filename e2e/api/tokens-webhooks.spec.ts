import { expect, request as playwrightRequest, test } from "@playwright/test";
import { recorderChallenge, seedDevice } from "@/lib/testing/fixtures";
import { verifyWebhook } from "@/lib/webhooks/signature";
import { startWebhookReceiver } from "@/lib/webhooks/testing/webhook-receiver";
import { db, seedUser } from "../support/db";
import { E2E_BASE_URL } from "../support/env";
import { visit } from "../support/ready";
import { signIn } from "../support/session";

test("an admin creates a token (shown once) and registers a webhook; a ticket opened with the token reaches a local receiver, signed", async ({ page }) => {
  const receiver = await startWebhookReceiver();
  try {
    const admin = await seedUser("ADMIN");
    await signIn(page, admin);

    // Admin → API tokens: create one with two scopes; it is shown once.
    await visit(page, "/admin/api-tokens");
    await expect(page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "API tokens" })).toHaveAttribute("aria-current", "page");
    await page.getByRole("button", { name: "New token" }).click();
    const dialog = page.getByRole("dialog", { name: "New API token" });
    await dialog.getByLabel("Name").fill("Helpdesk e2e");
    await dialog.getByRole("button", { name: "Create token" }).click();
    await expect(dialog.getByText("Pick at least one scope.")).toBeVisible();
    await dialog.getByRole("checkbox", { name: /tickets:read/ }).check();
    await dialog.getByRole("checkbox", { name: /tickets:write/ }).check();
    await dialog.getByLabel("Expires in").selectOption("30");
    await dialog.getByRole("button", { name: "Create token" }).click();
    const shown = dialog.getByLabel(/The token/);
    await expect(shown).toHaveValue(/^rc_[A-Za-z0-9_-]{43}$/);
    const token = await shown.inputValue();
    await expect(dialog.getByText("It is shown this once")).toBeVisible();
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row").filter({ hasText: "Helpdesk e2e" });
    await expect(row).toContainText(token.slice(0, 9));
    await expect(row).toContainText("never");
    // Gone for good: neither the page nor the database holds it.
    await page.reload();
    expect(await page.content()).not.toContain(token);
    expect(await db.apiToken.count({ where: { tokenHash: token } })).toBe(0);

    // Admin → Webhooks: allow the local receiver's address, register it for every event.
    await visit(page, "/admin/webhooks");
    await page.getByLabel("Allowed private destinations").fill("127.0.0.1");
    await page.getByRole("button", { name: "Save allowlist" }).click();
    await expect(page.getByText("Saved: 127.0.0.1.")).toBeVisible();
    await page.getByRole("button", { name: "Register webhook" }).click();
    const hookDialog = page.getByRole("dialog", { name: "Register a webhook" });
    await hookDialog.getByLabel("URL").fill(receiver.url("/reset-console"));
    await hookDialog.getByRole("button", { name: "Register" }).click();
    const secretField = hookDialog.getByLabel(/Signing secret/);
    await expect(secretField).toHaveValue(/^whsec_/);
    const secret = await secretField.inputValue();
    await hookDialog.getByRole("button", { name: "Done" }).click();

    // A helpdesk opens a ticket with the token (no cookie, no browser).
    const api = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
    const device = await seedDevice(db);
    const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
    const headers = { Authorization: `Bearer ${token}` };
    const created = await api.post("/api/v1/tickets", {
      headers,
      data: {
        customerName: "Kim",
        customerEmail: owner.email,
        channel: "EMAIL",
        challengeText: recorderChallenge({ serial: device.serial, reservedEmail: owner.email }),
      },
    });
    expect(created.status()).toBe(201);
    const ticket = (await created.json()) as { id: string; ref: string };
    // Its scopes hold: no audit:read.
    expect((await api.get("/api/v1/audit/anchor", { headers })).status()).toBe(403);
    await api.dispose();

    // The receiver gets ticket.created and ticket.decided, each signed with the webhook's secret.
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const events = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: { ticketId: string; ref: string } });
    expect(events.map((e) => e.type).sort()).toEqual(["ticket.created", "ticket.decided"]);
    for (const [i, received] of receiver.received.entries()) {
      expect(received.path).toBe("/reset-console");
      expect(verifyWebhook({ secret, headers: received.headers, body: received.body })).toBe(true);
      expect(events[i]!.data).toMatchObject({ ticketId: ticket.id, ref: ticket.ref });
      expect(received.body).not.toContain(owner.email);
    }

    // The delivery log says so, and the token's last use shows.
    await visit(page, "/admin/webhooks");
    const log = page.getByRole("table", { name: /Delivery log/ });
    await expect(log.getByRole("row").filter({ hasText: "ticket.created" })).toContainText("delivered");
    await expect(log.getByRole("row").filter({ hasText: "ticket.decided" })).toContainText("200");
    await visit(page, "/admin/api-tokens");
    await expect(page.getByRole("row").filter({ hasText: "Helpdesk e2e" })).not.toContainText("never");

    // Revoked, the token stops at once.
    await page.getByRole("button", { name: "Revoke Helpdesk e2e" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
    await expect(page.getByText('Token "Helpdesk e2e" revoked')).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Helpdesk e2e" })).toContainText("revoked");
    const after = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
    expect((await after.get("/api/v1/tickets", { headers })).status()).toBe(401);
    await after.dispose();
  } finally {
    await receiver.close();
  }
});
