import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import QRCode from "qrcode";
import sharp from "sharp";
import { pdfWithJpeg, pdfWithPng, pdfWithVectorQr } from "@/lib/qr/test-pdfs";
import { seedUser } from "../support/db";
import { E2E_METRICS_TOKEN } from "../support/env";
import { signIn } from "../support/session";
import { visit } from "../support/ready";

// Photos are read within a wall-clock budget in a worker; on a loaded machine (parallel runs) a
// step can take many times its usual time, so waits are generous (they end as soon as it is done).
test.describe.configure({ timeout: 240_000 });
const SLOW = { timeout: 90_000 };

type Fixture = { file: string; text: string | null };
const manifest = JSON.parse(readFileSync("e2e/fixtures/qr/manifest.json", "utf8")) as Fixture[];
const textOf = (file: string) => manifest.find((m) => m.file === file)!.text!;
const link = (page: Page) => page.getByLabel("Reset link from the customer");
const photoInput = (page: Page) => page.getByLabel("Photo of the QR code");

async function newTicketAsAgent(page: Page) {
  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  await visit(page, "/tickets/new");
}

/** A QR code as a PNG of `module` px per module (quiet zone included). */
const qrPng = (text: string, module: number) => QRCode.toBuffer(text, { errorCorrectionLevel: "M", scale: module, margin: 4 });

/** The decodes the browsers reported with this outcome, as `/api/metrics` counts them. */
async function reportedDecodes(page: Page, result: string): Promise<number> {
  const response = await page.request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(response.status()).toBe(200);
  const lines = (await response.text()).split("\n").filter((l) => l.startsWith("reset_decode_reports_total{") && l.includes(`result="${result}"`));
  return lines.reduce((sum, l) => sum + Number(l.split(" ").pop()), 0);
}

test("an iPhone HEIC photo is opened in the worker, shown, and its challenge read", async ({ page }) => {
  await newTicketAsAgent(page);
  const foundBefore = await reportedDecodes(page, "found");
  await photoInput(page).setInputFiles({
    name: "IMG_0417.HEIC",
    mimeType: "image/heic",
    buffer: readFileSync("e2e/fixtures/qr/photo-iphone.heic"),
  });
  await expect(link(page)).toHaveValue(textOf("photo-moire.jpg"), SLOW);
  await expect(page.getByText(/QR code read in \d+ ms/)).toBeVisible();
  // The page cannot show a HEIC itself: the worker's JPEG preview is shown instead.
  const img = page.getByRole("img", { name: "The customer's photo" });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(100);
  // The browser told the console how the reading went (the outcome and the time, never the photo).
  await expect.poll(() => reportedDecodes(page, "found"), SLOW).toBeGreaterThan(foundBefore);
});

test("a photo the reader cannot read by itself is read after the agent draws a box around the code", async ({ page }) => {
  const text = textOf("clean-screenshot.png");
  // A 24 MP photo with a small, sharp code (2 px per module) near a corner: the automatic passes
  // read the photo at 2400 px, where a module is under a pixel; the box is read at full resolution.
  const W = 6000;
  const H = 4000;
  const qr = await qrPng(text, 2);
  const size = (await sharp(qr).metadata()).width!;
  const at = { left: 4700, top: 2900 };
  const photo = await sharp({ create: { width: W, height: H, channels: 3, background: "#8a8f96" } })
    .composite([{ input: qr, ...at }])
    .jpeg({ quality: 92 })
    .toBuffer();
  await newTicketAsAgent(page);
  await photoInput(page).setInputFiles({ name: "IMG_2210.jpg", mimeType: "image/jpeg", buffer: photo });
  const alert = page.getByRole("alert").filter({ hasText: "No reset QR code" });
  await expect(alert).toBeVisible(SLOW);
  await expect(alert).toContainText("draw a box around the code");

  // Drag a box around the code on the preview (photo pixels → screen pixels).
  const layer = page.getByTestId("assist-layer");
  await layer.scrollIntoViewIfNeeded();
  const r = (await layer.boundingBox())!;
  const sx = (x: number) => r.x + (x / W) * r.width;
  const sy = (y: number) => r.y + (y / H) * r.height;
  await page.mouse.move(sx(at.left - 60), sy(at.top - 60));
  await page.mouse.down();
  await page.mouse.move(sx(at.left + size / 2), sy(at.top + size / 2), { steps: 4 });
  await page.mouse.move(sx(at.left + size + 60), sy(at.top + size + 60), { steps: 4 });
  await page.mouse.up();
  await expect(page.getByText("Box drawn")).toBeVisible();
  await page.getByRole("button", { name: "Read the box" }).click();
  await expect(link(page)).toHaveValue(text, SLOW);
  // The outline is where the code is, in the photo's own pixels.
  const points = (await page.locator("figure svg polygon").getAttribute("points"))!.split(" ").map((p) => p.split(",").map(Number));
  for (const [x, y] of points) {
    expect(x).toBeGreaterThan(at.left - 10);
    expect(x).toBeLessThan(at.left + size + 10);
    expect(y).toBeGreaterThan(at.top - 10);
    expect(y).toBeLessThan(at.top + size + 10);
  }
});

test("the assist works from the keyboard: a box placed and moved with the arrow keys, the code turned, Enter reads it", async ({ page }) => {
  const text = textOf("clean-screenshot.png");
  const W = 6000;
  const H = 4000;
  // Near the centre, where the keyboard's first box (the middle 40% of the photo) lands.
  const qr = await sharp(await qrPng(text, 2))
    .rotate(90)
    .toBuffer();
  const photo = await sharp({ create: { width: W, height: H, channels: 3, background: "#8a8f96" } })
    .composite([{ input: qr, left: 2900, top: 1900 }])
    .jpeg({ quality: 92 })
    .toBuffer();
  await newTicketAsAgent(page);
  await photoInput(page).setInputFiles({ name: "IMG_2211.jpg", mimeType: "image/jpeg", buffer: photo });
  await expect(page.getByRole("alert").filter({ hasText: "No reset QR code" })).toBeVisible(SLOW);
  await page.getByRole("button", { name: "Turn 90° anticlockwise" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("turned 90° anticlockwise")).toBeVisible();
  await page.getByTestId("assist-layer").focus();
  // The first arrow places a box over the middle 40% (x 1800–4200, y 1200–2800); each step is
  // 2% of the long side (120 px). Shrink it to 600×400 and move it over the code (2900–3030, 1900–2030).
  await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 15; i++) await page.keyboard.press("Shift+ArrowLeft");
  for (let i = 0; i < 10; i++) await page.keyboard.press("Shift+ArrowUp");
  for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowRight");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
  await expect(page.getByText("Box drawn")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(link(page)).toHaveValue(text, SLOW);
});

test("a photo with a help-link QR beside the challenge: the challenge is chosen without asking", async ({ page }) => {
  await newTicketAsAgent(page);
  await photoInput(page).setInputFiles("e2e/fixtures/qr/two-codes.png");
  await expect(link(page)).toHaveValue(textOf("two-codes.png"), SLOW);
  await expect(page.getByText(/QR code read in \d+ ms/)).toBeVisible();
  await expect(page.getByText(/Checking the photo for other codes/)).toBeHidden(SLOW);
  await expect(page.getByRole("group", { name: /different reset codes/ })).toHaveCount(0);
});

test("a photo with two different challenges: the agent picks one from a radio group", async ({ page }) => {
  const first = textOf("clean-screenshot.png");
  const second = textOf("photo-moire.jpg");
  const a = await qrPng(first, 3);
  const b = await qrPng(second, 3);
  const size = (await sharp(a).metadata()).width!;
  const photo = await sharp({ create: { width: size * 2 + 120, height: size + 80, channels: 3, background: "#fff" } })
    .composite([
      { input: a, left: 40, top: 40 },
      { input: b, left: size + 80, top: 40 },
    ])
    .png()
    .toBuffer();
  await newTicketAsAgent(page);
  await photoInput(page).setInputFiles({ name: "two-recorders.png", mimeType: "image/png", buffer: photo });
  const picker = page.getByRole("group", { name: /This photo holds 2 different reset codes/ });
  await expect(picker).toBeVisible(SLOW);
  await expect(link(page)).toHaveValue("");
  await expect(page.getByTestId("candidate-outline")).toHaveCount(2);
  const serial = (t: string) => new URL(t).searchParams.get("s")!;
  const option = picker.getByRole("radio", { name: new RegExp(serial(second)) });
  await option.check();
  await expect(link(page)).toHaveValue(second);
  // Arrow keys move between the options, as in any radio group.
  await page.keyboard.press("ArrowUp");
  await expect(link(page)).toHaveValue(first);
});

test("a PDF scan is read from the photo on its first page: a JPEG photo, and a PNG screenshot (raw pixels)", async ({ page }) => {
  await newTicketAsAgent(page);
  const scan = await pdfWithJpeg(readFileSync("e2e/fixtures/qr/photo-moire.jpg"));
  await photoInput(page).setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(scan) });
  await expect(link(page)).toHaveValue(textOf("photo-moire.jpg"), SLOW);
  await expect(page.getByText(/QR code read in \d+ ms/)).toBeVisible();
  // The page cannot show a PDF: the photo from inside it is shown instead.
  const img = page.getByRole("img", { name: "The customer's photo" });
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(671);

  // pdf-lib stores a PNG as raw RGB samples (FlateDecode): inflated in the worker, the preview made there.
  const text = textOf("clean-screenshot.png");
  const screenshot = await pdfWithPng(await qrPng(text, 4));
  await photoInput(page).setInputFiles({ name: "Screenshot.pdf", mimeType: "application/pdf", buffer: Buffer.from(screenshot) });
  await expect(link(page)).toHaveValue(text, SLOW);
  await expect(img).toBeVisible();
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(100);
});

test("a reading in progress is cancelled with Escape, and a PDF without a photo on its first page is refused in words", async ({ page }) => {
  const noise = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  await newTicketAsAgent(page);
  await photoInput(page).setInputFiles({ name: "noise.jpg", mimeType: "image/jpeg", buffer: noise });
  await expect(page.getByTestId("decode-progress")).toBeVisible();
  await expect(page.getByTestId("decode-progress")).toContainText(/Opening the photo|Reading the code|Trying a second reader|Looking closer/);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("alert").filter({ hasText: "Reading cancelled." })).toBeVisible();
  await expect(page.getByTestId("decode-progress")).toBeHidden();

  // A web page printed to PDF: the code is drawn with vector shapes, there is no photo to read.
  const printed = await pdfWithVectorQr(textOf("photo-moire.jpg"));
  await photoInput(page).setInputFiles({ name: "printed.pdf", mimeType: "application/pdf", buffer: Buffer.from(printed) });
  const alert = page.getByRole("alert").filter({ hasText: "This PDF has no photo on its first page." });
  await expect(alert).toBeVisible(SLOW);
  await expect(alert).toContainText("Ask the customer for a photo or a screenshot of the QR code.");
  await expect(link(page)).toHaveValue("");
});
