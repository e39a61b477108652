import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { freshTotpCode, signIn } from "../support/session";
import { pageReady, visit } from "../support/ready";

const HEADER = "serial,model,mac,key_version,status,owner_email,owner_name,bound_since,source";

test("an admin imports a CSV: dry run first, then for real; a bad file is refused with line errors", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const serials = [1, 2, 3].map((i) => `E2E-${tag}-${i}`);
  const csv = [
    HEADER,
    ...serials.map(
      (s, i) =>
        `${s},NVR-8016,3c:00:00:00:00:0${i},1,ACTIVE,owner-${tag.toLowerCase()}@e2e.test,"=HYPERLINK(""http://evil.example"",""x"")",2025-01-0${i + 1},e2e`,
    ),
  ].join("\n");
  await signIn(page, admin);
  await visit(page, "/admin/import");

  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}\n${serials[0]},M,zz,1,ACTIVE,a@e2e.test,A,2025-01-01,e2e\n`) });
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const report = page.getByRole("region", { name: "Import report" });
  await expect(report).toContainText("The file was refused");
  await expect(report.getByRole("row", { name: /^2 mac/ })).toBeVisible();

  await page.getByLabel("CSV file").setInputFiles({ name: "devices.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(report).toContainText("Dry run: nothing was written.");
  await expect(report.getByTestId("count-create")).toHaveText("3");
  expect(await db.device.count({ where: { serial: { in: serials } } })).toBe(0);

  // The chosen file stays selected after the dry run.
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(report).toContainText("Imported.");
  expect(await db.device.count({ where: { serial: { in: serials } } })).toBe(3);
  const owner = await db.owner.findUniqueOrThrow({ where: { email: `owner-${tag.toLowerCase()}@e2e.test` } });
  expect(owner.name).toBe('=HYPERLINK("http://evil.example","x")');
  const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "device.import", actorId: admin.id } });
  expect(audit.details).toMatchObject({ fileName: "devices.csv", create: 3 });
});

test("an admin registers a device, finds it, and changes its status with a reason", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  const serial = `E2E-DEV-${randomUUID().slice(0, 6).toUpperCase()}`;
  await signIn(page, admin);
  await visit(page, "/admin/devices");
  await page.getByLabel("Serial", { exact: true }).fill(serial);
  await page.getByLabel("Model").fill("DVR-4104");
  await page.getByLabel("MAC address").fill("00-11-22-aa-bb-cc");
  await page.getByLabel("Owner email", { exact: true }).fill(`owner-${serial.toLowerCase()}@e2e.test`);
  await page.getByLabel("Owner name", { exact: true }).fill("Dana Device");
  await page.getByRole("button", { name: "Register device" }).click();
  await expect(page.getByText(`Device ${serial} registered.`)).toBeVisible();

  await page.getByLabel("Serial or owner email starts with").fill(serial);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: serial }).click();
  await expect(page.getByRole("heading", { name: `Device ${serial}` })).toBeVisible();
  await pageReady(page);
  await page.getByLabel("New status").selectOption("STOLEN");
  await page.getByLabel("Reason", { exact: true }).fill("Owner reported theft, police ref 123");
  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByTestId("device-status")).toHaveText("stolen");
  await expect(page.getByRole("list", { name: "Device history" })).toContainText("device.status_changed");
  const device = await db.device.findUniqueOrThrow({ where: { serial } });
  expect(device).toMatchObject({ status: "STOLEN", statusReason: "Owner reported theft, police ref 123", mac: "001122AABBCC" });
});

test("changing a device's owner of record asks for the second factor again (step-up) and notifies the previous owner", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  const serial = `E2E-OWN-${randomUUID().slice(0, 6).toUpperCase()}`;
  const previous = `prev-${serial.toLowerCase()}@e2e.test`;
  const ownerRow = await db.owner.create({ data: { email: previous, name: "Previous" } });
  await db.device.create({
    data: { serial, model: "NVR-8016", mac: "AABBCCDDEEFF", keyVersion: 1, ownerId: ownerRow.id, ownerSince: new Date(), ownerSource: "e2e" },
  });
  await signIn(page, admin);
  // The code at sign-in was ten minutes ago: a risky change asks for it again.
  await db.userSession.updateMany({ where: { userId: admin.id }, data: { secondFactorAt: new Date(Date.now() - 10 * 60_000) } });
  await visit(page, `/admin/devices/${serial}`);
  await page.getByLabel("New owner email").fill(`next-${serial.toLowerCase()}@e2e.test`);
  await page.getByLabel("New owner name").fill("Next Owner");
  await page.getByLabel("Reason for the change").fill("Sold; bill of sale checked");
  await page.getByRole("button", { name: "Change owner of record" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Confirm it is you" });
  await expect(dialog).toContainText("more than 5 minutes old");
  await dialog.getByLabel("Authenticator code").fill("000000");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("alertdialog", { name: "Confirm it is you" })).toContainText("That code is not right");
  // The form keeps what was typed; only the code is asked again.
  await expect(page.getByLabel("Reason for the change")).toHaveValue("Sold; bill of sale checked");
  await page
    .getByRole("alertdialog")
    .getByLabel("Authenticator code")
    .fill(await freshTotpCode(admin.totpSecret!));
  await page.getByRole("alertdialog").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Owner of record changed")).toBeVisible();
  const notice = await db.outboxEmail.findFirstOrThrow({ where: { kind: "OWNER_CHANGE_NOTICE", to: previous } });
  expect(notice.payload).toMatchObject({ deviceSerial: serial });
  expect(await db.auditEvent.count({ where: { action: "mfa.failed", actorId: admin.id, details: { path: ["purpose"], equals: "step_up" } } })).toBe(1);
  expect(await db.auditEvent.count({ where: { action: "mfa.verified", actorId: admin.id, details: { path: ["purpose"], equals: "step_up" } } })).toBe(1);
});

test("an admin changes a setting and sees the key versions", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  await signIn(page, admin);
  await visit(page, "/admin/settings");
  await expect(page.getByTestId("key-versions")).toContainText("Configured versions: 1, 2 · current (new devices): 1");
  const field = page.getByLabel("Resends per ticket per hour");
  const before = Number(await field.inputValue());
  const next = before === 4 ? 5 : 4;
  await field.fill(String(next));
  await page.getByRole("button", { name: "Save settings" }).click();
  const change = `Resends per ticket per hour: ${before} resend${before === 1 ? "" : "s"} → ${next} resends`;
  await expect(page.getByText(`Saved. ${change}.`)).toBeVisible();
  const setting = await db.setting.findUniqueOrThrow({ where: { key: "maxResendsPerTicketPerHour" } });
  expect(setting.value).toBe(next);
  const event = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.changed", actorId: admin.id } });
  expect(event.details).toEqual({ changes: [change], keys: ["maxResendsPerTicketPerHour"] });
});
