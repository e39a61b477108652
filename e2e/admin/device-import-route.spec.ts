import { randomUUID } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { E2E_BASE_URL } from "../support/env";
import { callServerAction, serverActionId } from "../support/server-actions";
import { freshTotpCode, signIn } from "../support/session";
import { visit } from "../support/ready";

const HEADER = "serial,model,mac,key_version,status,owner_email,owner_name,bound_since,source";
const ROUTE = "/api/v1/admin/devices/import";
const CAP_BYTES = 50 * 1024 * 1024;
const CSV_HEADERS = { "Content-Type": "text/csv", "X-File-Name": "devices.csv" };

function deviceCsv(serials: string[], tag: string) {
  return [HEADER, ...serials.map((s, i) => `${s},NVR-8016,3c:00:00:00:00:0${i},1,ACTIVE,owner-${tag}@e2e.test,Owner ${tag},2025-01-01,e2e`)].join("\n");
}

/** The same rows, then blank lines (which the import skips) until the body is one byte over the cap. */
function oversized(csv: string): Buffer {
  const body = Buffer.alloc(CAP_BYTES + 1, "\n");
  body.write(`${csv}\n`);
  return body;
}

/** A chunked upload (no Content-Length) from outside the browser, with the context's cookies. */
async function postChunked(context: BrowserContext, path: string, first: string, totalBytes: number) {
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = sent === 0 ? Buffer.from(`${first}\n`) : Buffer.alloc(64 * 1024, "\n");
      sent += chunk.byteLength;
      controller.enqueue(chunk);
      if (sent >= totalBytes) controller.close();
    },
  });
  const init = { method: "POST", headers: { ...CSV_HEADERS, Cookie: cookie, Origin: E2E_BASE_URL }, body, duplex: "half" };
  return fetch(`${E2E_BASE_URL}${path}`, init as RequestInit);
}

test("the import route refuses anonymous, non-admin, cross-origin, form-encoded and oversized uploads, and writes nothing", async ({
  page,
  browser,
  playwright,
}) => {
  const admin = await seedUser("ADMIN");
  const supervisor = await seedUser("SUPERVISOR");
  const tag = randomUUID().slice(0, 6).toLowerCase();
  const serials = [1, 2, 3].map((i) => `E2E-RT-${tag.toUpperCase()}-${i}`);
  const csv = deviceCsv(serials, tag);
  const importUrl = `${ROUTE}?mode=import`;

  const anonymous = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  expect((await anonymous.post(importUrl, { headers: CSV_HEADERS, data: csv })).status()).toBe(401);
  await anonymous.dispose();

  const supervisorContext = await browser.newContext();
  const supervisorPage = await supervisorContext.newPage();
  await signIn(supervisorPage, supervisor);
  const forbidden = await supervisorPage.request.post(importUrl, { headers: CSV_HEADERS, data: csv });
  expect(forbidden.status()).toBe(403);
  expect(await forbidden.json()).toEqual({ error: "FORBIDDEN", message: "Your role does not allow this." });
  await supervisorContext.close();

  await signIn(page, admin);
  // Another site's page, with the admin's cookie: refused by its Origin, or by Sec-Fetch-Site when a browser sends only that.
  const crossOrigin = await page.request.post(importUrl, { headers: { ...CSV_HEADERS, Origin: "https://evil.example" }, data: csv });
  expect(crossOrigin.status()).toBe(403);
  expect((await crossOrigin.json()).message).toBe("Cross-origin requests are not accepted.");
  expect((await page.request.post(importUrl, { headers: { ...CSV_HEADERS, "Sec-Fetch-Site": "cross-site" }, data: csv })).status()).toBe(403);
  // What a cross-site HTML form can send without a preflight: refused by its content type.
  expect((await page.request.post(importUrl, { headers: { "Content-Type": "application/x-www-form-urlencoded" }, data: csv })).status()).toBe(400);
  expect((await page.request.post(importUrl, { multipart: { file: { name: "devices.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } } })).status()).toBe(
    400,
  );

  // Over the cap with a Content-Length: refused before the body is read.
  const declared = await page.request.post(importUrl, { headers: CSV_HEADERS, data: oversized(csv) });
  expect(declared.status()).toBe(413);
  expect(await declared.json()).toEqual({
    error: "TOO_LARGE",
    message: "The file is larger than 50 MB. Split it into smaller files and import them one by one.",
  });
  // Over the cap without one (chunked): refused as the bytes are counted, before anything is written.
  const streamed = await postChunked(page.context(), importUrl, csv, CAP_BYTES + 64 * 1024);
  expect(streamed.status).toBe(413);
  expect(((await streamed.json()) as { error: string }).error).toBe("TOO_LARGE");

  expect(await db.device.count({ where: { serial: { in: serials } } })).toBe(0);
  expect(await db.owner.count({ where: { email: `owner-${tag}@e2e.test` } })).toBe(0);
  expect(await db.auditEvent.count({ where: { action: "device.import", actorId: admin.id } })).toBe(0);

  // The same file, sent properly, is imported: the refusals above were about how it was sent.
  const accepted = await page.request.post(importUrl, { headers: CSV_HEADERS, data: csv });
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ ok: true, message: "Imported.", report: { imported: true, fileName: "devices.csv", counts: { create: 3 } } });
  expect(await db.device.count({ where: { serial: { in: serials } } })).toBe(3);
});

test("an ordinary server action refuses a body over its 100 KiB limit", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  await signIn(page, admin);
  await visit(page, "/admin/devices");
  const id = serverActionId("app/actions/devices.ts", "createDeviceAction");
  const device = (serial: string, paddingBytes: number) => ({
    serial,
    model: "DVR-4104",
    mac: "00-11-22-aa-bb-cc",
    keyVersion: "1",
    ownerEmail: `owner-${serial.toLowerCase()}@e2e.test`,
    ownerName: "Padded Owner",
    // An extra field the action ignores: only the body's size differs between the two calls.
    padding: "x".repeat(paddingBytes),
  });
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const big = `E2E-BIG-${tag}`;
  const small = `E2E-SMALL-${tag}`;

  const refused = await callServerAction(page, { path: "/admin/devices", id, fields: device(big, 100 * 1024 + 1) });
  expect(refused).not.toContain("registered");
  expect(refused.split("\n")[0]).toBe("500");
  expect(await db.device.count({ where: { serial: big } })).toBe(0);

  const accepted = await callServerAction(page, { path: "/admin/devices", id, fields: device(small, 64 * 1024) });
  expect(accepted).toContain(`Device ${small} registered.`);
  expect(await db.device.count({ where: { serial: small } })).toBe(1);
});

test("an owner change by import needs a recent second factor: a wrong code is refused and audited, nothing changes", async ({ page }) => {
  const admin = await seedUser("ADMIN");
  const tag = randomUUID().slice(0, 6).toLowerCase();
  const serial = `E2E-IMPOWN-${tag.toUpperCase()}`;
  const previous = `prev-${tag}@e2e.test`;
  const ownerRow = await db.owner.create({ data: { email: previous, name: "Previous" } });
  await db.device.create({
    data: { serial, model: "NVR-8016", mac: "AABBCCDDEEFF", keyVersion: 1, ownerId: ownerRow.id, ownerSince: new Date(), ownerSource: "e2e" },
  });
  const csv = `${HEADER}\n${serial},NVR-8016,AABBCCDDEEFF,1,ACTIVE,next-${tag}@e2e.test,Next Owner,2025-01-01,e2e\n`;
  await signIn(page, admin);
  // Signed in ten minutes ago: the owner change asks for the code again.
  await db.userSession.updateMany({ where: { userId: admin.id }, data: { secondFactorAt: new Date(Date.now() - 10 * 60_000) } });
  await visit(page, "/admin/import");
  await page.getByLabel("CSV file").setInputFiles({ name: "owners.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const report = page.getByRole("region", { name: "Import report" });

  await page.getByRole("button", { name: "Dry run" }).click();
  await expect(report).toContainText("Dry run: nothing was written.");
  // Both addresses masked, as everywhere in the report.
  await expect(report).toContainText(new RegExp(`${serial} p\\*\\*\\*.@e2e\\.test → n\\*\\*\\*.@e2e\\.test`));

  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(report).toContainText("The file was refused");
  await expect(report).toContainText('Tick "allow owner changes"');

  await page.getByLabel("Allow owner changes").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Confirm it is you" })).toBeVisible();
  await page.getByLabel("Authenticator code").fill("000000");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That code is not right." })).toBeVisible();
  await expect(page.getByLabel("Authenticator code")).toHaveAttribute("aria-invalid", "true");
  expect((await db.device.findUniqueOrThrow({ where: { serial }, include: { owner: true } })).owner?.email).toBe(previous);
  expect(await db.auditEvent.count({ where: { action: "mfa.failed", actorId: admin.id } })).toBe(1);

  await page.getByLabel("Authenticator code").fill(await freshTotpCode(admin.totpSecret!));
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(report).toContainText("Imported.");
  expect((await db.device.findUniqueOrThrow({ where: { serial }, include: { owner: true } })).owner?.email).toBe(`next-${tag}@e2e.test`);
  const notice = await db.outboxEmail.findFirstOrThrow({ where: { kind: "OWNER_CHANGE_NOTICE", to: previous } });
  expect(notice.payload).toMatchObject({ deviceSerial: serial });
});
