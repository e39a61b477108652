import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { seedTicket, uniqueSerial } from "@/lib/audit/testing/seed-tickets";
import { db, seedUser } from "../support/db";
import { chooseFilter } from "../support/filters";
import { signIn } from "../support/session";
import { visit } from "../support/ready";

test("export routes: 401 anonymous, 403 for an agent (audited), CSV for a supervisor", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  for (const path of ["/api/v1/export/tickets", "/api/v1/export/audit", "/api/v1/audit/anchor"]) expect((await anonymous.get(path)).status(), path).toBe(401);
  await anonymous.dispose();

  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  for (const path of ["/api/v1/export/tickets", "/api/v1/export/audit", "/api/v1/audit/anchor"])
    expect((await page.request.get(path)).status(), path).toBe(403);
  expect(await db.auditEvent.count({ where: { actorId: agent.id, action: "auth.denied" } })).toBe(3);
  expect(await db.auditEvent.count({ where: { actorId: agent.id, action: { in: ["export.tickets", "export.audit", "audit.anchor_exported"] } } })).toBe(0);
  const pages = ["/audit", "/audit/tickets", "/audit/events", "/audit/devices/ANY-SERIAL", "/review", "/review/00000000-0000-4000-8000-000000000000"];
  for (const path of pages) expect((await visit(page, path))?.status(), path).toBe(403);
});

test("ticket search keeps filters in the URL and exports the same tickets as a safe CSV", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const serial = uniqueSerial("EXP");
  await seedTicket(db, {
    createdById: agent.id,
    serial,
    status: "REFUSED",
    decision: "REFUSE",
    customerName: '=HYPERLINK("http://evil.example","x")',
    checks: [{ check: "device", id: "DEVICE_STOLEN", outcome: "refuse", label: "Device", reason: "Reported stolen" }],
  });
  await seedTicket(db, {
    createdById: agent.id,
    serial,
    status: "SENT",
    decision: "ISSUE",
    checks: [{ check: "device", id: "DEVICE_STOLEN", outcome: "pass", label: "Device", reason: "ok" }],
  });

  await signIn(page, supervisor);
  await visit(page, "/audit/tickets");
  await page.getByLabel("Serial").fill(serial);
  await chooseFilter(page, "Reason code", "stolen", "Device stolen");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`serial=${serial}`));
  await expect(page).toHaveURL(/reason=DEVICE_STOLEN/);
  const table = page.getByRole("table", { name: "Tickets matching the filters" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(page.getByLabel("Serial")).toHaveValue(serial);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(serial);
  expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  const event = await db.auditEvent.findFirstOrThrow({ where: { actorId: supervisor.id, action: "export.tickets" } });
  expect(event.details).toMatchObject({ serial, reason: "DEVICE_STOLEN", rows: 1 });
});

test("audit log, device history and dashboard render; the chain verifies; the anchor downloads", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const serial = uniqueSerial("DEV");
  await seedTicket(db, { createdById: agent.id, serial });

  await signIn(page, supervisor);
  await visit(page, "/audit");
  await expect(page.getByRole("figure", { name: "Resets per day, last 30 days" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Tickets per agent" })).toBeVisible();
  // The scheduler signs a checkpoint of the chain's head every 2 s in e2e (AUDIT_CHECKPOINT_INTERVAL_MS).
  await expect.poll(() => db.auditCheckpoint.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Verify audit chain" }).click();
  await expect(page.getByText(/^Chain OK: all \d+ events verified/)).toBeVisible();
  await expect(
    page.getByText(/Signed checkpoints verified up to event #\d+ at .+ \(checkpoint #\d+, key [0-9a-f]{16}\); \d+ events? not yet covered\./),
  ).toBeVisible();

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the latest anchor (JSON)" }).click();
  const anchor = JSON.parse(await readFile((await (await downloadPromise).path())!, "utf8")) as { seq: string; hash: string; at: string };
  expect(anchor.hash).toMatch(/^[0-9a-f]{64}$/);
  const anchored = await db.auditEvent.findUniqueOrThrow({ where: { seq: BigInt(anchor.seq) } });
  expect(anchored).toMatchObject({ action: "audit.anchor_exported", actorId: supervisor.id, hash: anchor.hash });

  await page.getByLabel("Anchor to check (optional)").fill(`${anchor.seq}:${anchor.hash}`);
  await page.getByRole("button", { name: "Verify audit chain" }).click();
  await expect(page.getByText(`anchor #${anchor.seq} matches`)).toBeVisible();

  await visit(page, "/audit/events");
  await chooseFilter(page, "Actor", supervisor.name, supervisor.name);
  await chooseFilter(page, "Action", "anchor_exported", "Exported an audit anchor");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/action=audit.anchor_exported/);
  await expect(page).toHaveURL(new RegExp(`actor=${supervisor.id}`));
  const events = page.getByRole("table", { name: "Audit events matching the filters" });
  await expect(events.getByText("Exported an audit anchor")).toBeVisible();

  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile((await (await csvDownload).path())!, "utf8");
  expect(csv).toContain("audit.anchor_exported");
  expect(await db.auditEvent.count({ where: { actorId: supervisor.id, action: "export.audit" } })).toBe(1);

  await visit(page, `/audit/devices/${serial}`);
  await expect(page.getByRole("heading", { name: `Recorder ${serial}` })).toBeVisible();
  await expect(page.getByText(`Serial ${serial} is not in the device registry.`)).toBeVisible();
});
