// Driving the virtual recorder at /simulator from a spec, like an owner in front of the device:
// seed a registered recorder, open its Retrieve Password screen, read the QR from the screen
// (a real screenshot, decoded with jsQR), derive the code as support would, and finish the reset.
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import jsQR from "jsqr";
import sharp from "sharp";
import { parseMasterKeys, rp1Scheme } from "@/lib/reset-protocol";
import { db } from "./db";
import { E2E_MASTER_KEYS } from "./env";
import { visit } from "./ready";

export type SeededRecorder = { deviceId: string; ownerId: string; serial: string; model: string; mac: string; email: string; ownerName: string };

/** A registered recorder (key version 1) with its own owner of record; unique per call. */
export async function seedRecorder(overrides: { keyVersion?: number; status?: "ACTIVE" | "BLOCKED" | "STOLEN" } = {}): Promise<SeededRecorder> {
  const tag = randomBytes(5).toString("hex").toUpperCase();
  const serial = `SIM-${tag}`;
  const email = `owner-${tag.toLowerCase()}@e2e.test`;
  const ownerName = `Owner ${tag}`;
  const owner = await db.owner.create({ data: { email, name: ownerName } });
  const mac = randomBytes(6).toString("hex").toUpperCase();
  const device = await db.device.create({
    data: {
      serial,
      model: "NVR-8016",
      mac,
      keyVersion: overrides.keyVersion ?? 1,
      status: overrides.status ?? "ACTIVE",
      ownerId: owner.id,
      ownerSince: new Date(),
      ownerSource: "e2e",
    },
  });
  return { deviceId: device.id, ownerId: owner.id, serial, model: device.model, mac, email, ownerName };
}

/** Opens /simulator and powers on the registered recorder `serial` (switching off any running one). */
export async function powerOnRecorder(page: Page, serial: string): Promise<void> {
  await visit(page, "/simulator");
  const powerOff = page.getByRole("button", { name: /Power off/ });
  if (await powerOff.isVisible()) {
    await powerOff.click();
    await expect(page.getByRole("heading", { name: "Registered recorder" })).toBeVisible();
  }
  await page.getByLabel("Recorder", { exact: true }).selectOption(serial);
  await page.getByRole("button", { name: "Power on" }).first().click();
  await expect(page.getByTestId("recorder-monitor")).toContainText(serial);
  await expect(page.getByRole("heading", { name: "Login" })).toBeVisible();
}

/** From the login screen: Forgot Password → reserved email → OK. */
export async function requestReset(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: "Forgot Password" }).click();
  await expect(page.getByRole("heading", { name: "Forgot Password" })).toBeVisible();
  await page.getByLabel("Reserved Email").fill(email);
  await page.getByRole("button", { name: "OK", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Retrieve Password" })).toBeVisible();
}

export type ScreenQr = { url: string; png: Buffer };

/** Screenshots the QR element on the Retrieve Password screen and decodes it. */
export async function readQrFromScreen(page: Page): Promise<ScreenQr> {
  const qr = page.getByRole("img", { name: /QR code/ });
  await expect(qr).toBeVisible();
  const png = await qr.screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  if (!decoded) throw new Error("the QR code on the simulator screen did not decode");
  return { url: decoded.data, png };
}

/** Powers on `serial`, asks for a reset with `email`, and returns the QR as the owner would photograph it. */
export async function openRetrieveScreen(page: Page, { serial, email }: { serial: string; email: string }): Promise<ScreenQr> {
  await powerOnRecorder(page, serial);
  await requestReset(page, email);
  return readQrFromScreen(page);
}

const keys = parseMasterKeys(E2E_MASTER_KEYS);

/** The code support would email for this challenge (the e2e server runs with the test-vector keys). */
export function codeForChallenge(url: string): string {
  const parsed = rp1Scheme.parse(url);
  if (!parsed.ok) throw parsed.error;
  const derived = rp1Scheme.deriveCode({ challenge: parsed.challenge, keys });
  if (!derived.ok) throw new Error(`no code for this challenge: ${derived.reason}`);
  return derived.code;
}

/** Types a code on the Retrieve Password screen and presses OK. */
export async function enterCode(page: Page, code: string): Promise<void> {
  const field = page.getByLabel("Security Code");
  await field.fill(code);
  await page.getByRole("button", { name: "OK", exact: true }).click();
}

/** Enters a correct code, sets `newPassword` twice, and stops at "Sync the new password to the cameras?". */
export async function enterCodeAndReset(page: Page, code: string, newPassword: string): Promise<void> {
  await enterCode(page, code);
  await expect(page.getByRole("heading", { name: "Set New Password" })).toBeVisible();
  await expect(page.getByTestId("recorder-message")).toContainText("Security code verified");
  await page.getByLabel("New Password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm Password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "OK", exact: true }).click();
  await expect(page.getByText("Sync the new password to the cameras?")).toBeVisible();
}
