import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { seedUser } from "../support/db";
import { decodeQr } from "@/lib/qr/pipeline";
import { dropImage, pasteImage } from "../support/intake";
import { signIn } from "../support/session";
import { openRetrieveScreen, seedRecorder } from "../support/simulator";
import { visit } from "../support/ready";

test.describe("photo intake on a new ticket", () => {
  test("a dropped photo and a pasted image are decoded in the browser and fill the link", async ({ page, context }) => {
    const agent = await seedUser("AGENT");
    const recorder = await seedRecorder();
    await signIn(page, agent);
    const screen = await context.newPage();
    const qr = await openRetrieveScreen(screen, { serial: recorder.serial, email: recorder.email });
    // A phone photo: smaller, JPEG, slightly rotated, on a grey background.
    const photo = await sharp(qr.png).rotate(7, { background: "#777" }).resize({ width: 520 }).jpeg({ quality: 55 }).toBuffer();

    await visit(page, "/tickets/new");
    await dropImage(page, photo, "photo.jpg", "image/jpeg");
    await expect(page.getByText(/QR code read in \d+ ms/)).toBeVisible();
    await expect(page.getByLabel("Reset link from the customer")).toHaveValue(qr.url);
    await expect(page.getByLabel("Challenge fields")).toContainText(recorder.serial);
    await expect(page.getByLabel("Challenge fields")).toContainText(/Recorder time.*(ago|now|ahead)/s);

    await visit(page, "/tickets/new");
    await pasteImage(page, qr.png);
    await expect(page.getByLabel("Reset link from the customer")).toHaveValue(qr.url);
  });

  test("an unreadable photo gives a clear message and a reply to send the customer", async ({ page, context }) => {
    const agent = await seedUser("AGENT");
    await signIn(page, agent);
    const noise = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#556" } })
      .composite([
        { input: Buffer.from(`<svg width="640" height="480"><text x="40" y="240" font-size="48" fill="#eee">no code here</text></svg>`), top: 0, left: 0 },
      ])
      .jpeg()
      .toBuffer();
    await visit(page, "/tickets/new");
    await page.getByLabel("Photo of the QR code").setInputFiles({ name: "blurry.jpg", mimeType: "image/jpeg", buffer: noise });
    const alert = page.getByRole("alert").filter({ hasText: "Ask the customer for a better photo" });
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText("Turn off the flash");
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await alert.getByRole("button", { name: "Copy reply" }).click();
    await expect(alert.getByRole("button", { name: "Copied" })).toBeVisible();
    await expect(page.getByLabel("Reset link from the customer")).toHaveValue("");
  });
});

test("hard phone photos that plain jsQR cannot read are decoded in the browser", async ({ page }) => {
  // One page load and one reading per photo. Each reading has a wall-clock budget in the worker
  // (the jsQR passes first, then zxing-cpp, which reads these photos in tens of milliseconds when
  // the machine is idle); under parallel load a step can take many times that, so the test allows
  // minutes, not seconds, and fails only when a photo is really not read.
  test.setTimeout(300_000);
  const { readFileSync } = await import("node:fs");
  const manifest = JSON.parse(readFileSync("e2e/fixtures/qr/manifest.json", "utf8")) as { file: string; text: string | null; plainJsqr: boolean }[];
  const hard = manifest.filter((m) => m.text && !m.plainJsqr);
  expect(hard.length).toBeGreaterThanOrEqual(3);
  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  for (const fixture of hard) {
    await visit(page, "/tickets/new");
    await page.getByLabel("Photo of the QR code").setInputFiles(`e2e/fixtures/qr/${fixture.file}`);
    await expect(page.getByLabel("Reset link from the customer"), fixture.file).toHaveValue(fixture.text!, { timeout: 90_000 });
  }
});

test("a 12-megapixel phone photo is read in the browser and the code is outlined", async ({ page }) => {
  test.setTimeout(180_000);
  const { readFileSync } = await import("node:fs");
  const manifest = JSON.parse(readFileSync("e2e/fixtures/qr/manifest.json", "utf8")) as { file: string; text: string | null }[];
  const large = manifest.find((m) => m.file === "photo-large.jpg")!;
  // 3000×4000 as a phone camera saves it (made at test time: the repository stays small).
  const photo = await sharp(`e2e/fixtures/qr/${large.file}`).resize(3000, 4000, { kernel: "lanczos3" }).jpeg({ quality: 88 }).toBuffer();
  const meta = await sharp(photo).metadata();
  expect(meta.width! * meta.height!).toBe(12_000_000);
  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  await visit(page, "/tickets/new");
  await page.getByLabel("Photo of the QR code").setInputFiles({ name: "IMG_4031.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(page.getByLabel("Reset link from the customer")).toHaveValue(large.text!, { timeout: 90_000 });
  await expect(page.getByText(/QR code read in \d+ ms/)).toBeVisible();
  // The outline is drawn in the photo's own pixels, though the worker read it at 2400 px: its
  // corners match the Node pipeline's on the original 1800×2400 photo, scaled by 5/3.
  const outline = await page.locator("figure svg polygon").getAttribute("points");
  const drawn = outline!.split(" ").map((p) => p.split(",").map(Number) as [number, number]);
  const { data, info } = await sharp(`e2e/fixtures/qr/${large.file}`).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  // A reference reading, not a timing: a generous budget, since this runs cold beside two browsers.
  const node = decodeQr({ data: new Uint8ClampedArray(data), width: info.width, height: info.height }, { timeBudgetMs: 10_000 });
  if (!node.ok) throw new Error("the Node pipeline should read the original photo");
  const c = node.corners;
  const expected = [c.topLeft, c.topRight, c.bottomRight, c.bottomLeft].map((p) => [p.x * (5 / 3), p.y * (5 / 3)]);
  for (let i = 0; i < 4; i++) {
    expect(Math.hypot(drawn[i]![0] - expected[i]![0]!, drawn[i]![1] - expected[i]![1]!)).toBeLessThan(60);
  }
});
