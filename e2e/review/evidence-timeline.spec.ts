import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { db, seedUser } from "../support/db";
import { signIn } from "../support/session";
import { openRetrieveScreen, seedRecorder } from "../support/simulator";
import { pageReady, visit } from "../support/ready";

test("the photo given at intake is kept with the ticket (no camera data), served safely, and the timeline tells it in words with details behind a toggle", async ({
  page,
  context,
}) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const recorder = await seedRecorder();
  await signIn(page, agent);
  const screen = await context.newPage();
  const qr = await openRetrieveScreen(screen, { serial: recorder.serial, email: recorder.email });
  // A phone photo with a GPS position in its EXIF.
  const photo = await sharp(qr.png)
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: "PhoneCo" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 0/1" } })
    .toBuffer();

  await visit(page, "/tickets/new");
  await page.getByLabel("Customer name").fill(recorder.ownerName);
  await page.getByLabel("Contact email").fill(recorder.email);
  await page.getByLabel("Photo of the QR code").setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: photo });
  // Decoding runs in a Web Worker: slow on a loaded machine.
  await expect(page.getByLabel("Reset link from the customer")).toHaveValue(qr.url, { timeout: 45_000 });
  await page.getByRole("button", { name: "Run checks and open ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await pageReady(page);

  const photos = page.getByRole("list", { name: "Customer's photos" });
  const image = photos.getByRole("img", { name: /Customer's photo 1 of 1/ });
  await expect(image).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const ticketId = page.url().split("/").pop()!;
  const stored = await db.ticketEvidence.findFirstOrThrow({ where: { ticketId } });
  await expect(photos).toContainText(stored.sha256);
  expect(Buffer.from(stored.bytes).includes("PhoneCo")).toBe(false);
  expect((await sharp(Buffer.from(stored.bytes)).metadata()).exif).toBeUndefined();
  const added = await db.auditEvent.findFirstOrThrow({ where: { ticketId, action: "evidence.added" } });
  expect(added.details).toMatchObject({ sha256: stored.sha256, metadata: "removed" });

  const served = await page.request.get(`/api/v1/evidence/${stored.id}`);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/jpeg");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(served.headers()["content-security-policy"]).toContain("default-src 'none'");

  // Timeline: sentences; the technical part only once "Details" is opened (keyboard).
  const timeline = page.getByRole("region", { name: "Audit timeline" });
  await expect(timeline.getByText(`${agent.name} opened the ticket (by email)`)).toBeVisible();
  await expect(timeline.getByText(new RegExp(`${agent.name} kept the customer's photo with the ticket, location data removed`))).toBeVisible();
  await expect(timeline.getByText("ticket.created")).toBeHidden();
  const firstDetails = timeline.getByRole("group").first();
  await firstDetails.getByText("Details").focus();
  await page.keyboard.press("Enter");
  await expect(firstDetails.getByText("ticket.created")).toBeVisible();
  await expect(firstDetails.getByText("Channel", { exact: true })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(firstDetails.getByText("ticket.created")).toBeHidden();

  // A supervisor sees the same photo on the review page; another agent's unrelated request for it is refused.
  const supervisorPage = await (await page.context().browser()!.newContext()).newPage();
  await signIn(supervisorPage, supervisor);
  await visit(supervisorPage, `/review/${ticketId}`);
  await expect(supervisorPage.getByRole("img", { name: /Customer's photo 1 of 1/ })).toBeVisible();
  await supervisorPage.context().close();
  const bad = await page.request.post(`/api/v1/tickets/${ticketId}/evidence`, { headers: { "Content-Type": "text/html" }, data: "<html></html>" });
  expect(bad.status()).toBe(400);
});
