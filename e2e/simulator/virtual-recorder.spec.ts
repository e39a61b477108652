import { expect, test, type Page } from "@playwright/test";
import { callServerAction, serverActionId } from "../support/server-actions";
import { db, seedUser } from "../support/db";
import { signIn } from "../support/session";
import {
  codeForChallenge,
  enterCode,
  enterCodeAndReset,
  openRetrieveScreen,
  powerOnRecorder,
  readQrFromScreen,
  requestReset,
  seedRecorder,
} from "../support/simulator";
import { visit } from "../support/ready";

const NEW_PASSWORD = "Recorder2026";

/** A well-formed code that is not this challenge's. */
function wrongCode(code: string): string {
  return (code.startsWith("2") ? "3" : "2") + code.slice(1);
}

/** Five wrong codes: four count down, the fifth locks code entry. */
async function enterWrongCodesUntilLocked(page: Page, wrong: string) {
  for (let left = 4; left >= 1; left--) {
    await enterCode(page, wrong);
    await expect(page.getByTestId("recorder-message")).toHaveText(`Incorrect security code. ${left} attempt${left === 1 ? "" : "s"} left.`);
  }
  await enterCode(page, wrong);
  await expect(page.getByTestId("recorder-message")).toHaveText("Too many incorrect security codes. Code entry is locked for 5 minutes.");
}

async function signedInAgent(page: Page) {
  const agent = await seedUser("AGENT");
  await signIn(page, agent);
  return agent;
}

test.describe("virtual recorder", () => {
  test("plays a whole reset from the QR on screen to synced cameras", async ({ page, context }) => {
    const agent = await signedInAgent(page);
    const recorder = await seedRecorder();

    const { url, png } = await openRetrieveScreen(page, { serial: recorder.serial, email: recorder.email.toUpperCase() });
    expect(url).toMatch(
      new RegExp(`^https://reset\\.example\\.com/rp1\\?s=${recorder.serial}&p=NVR-8016&m=${recorder.mac}&f=[^&]+&v=1&t=\\d+&n=[A-Za-z0-9_-]{16}&e=`),
    );
    const qrBox = await page.getByRole("img", { name: /QR code/ }).boundingBox();
    expect(qrBox?.width).toBeGreaterThanOrEqual(320);
    expect(png.length).toBeGreaterThan(0);
    // The reserved email is the owner's and is never shown; the page shows no code either.
    const code = codeForChallenge(url);
    const body = await page.content();
    expect(body.toLowerCase()).not.toContain(recorder.email);
    expect(body).not.toContain(code);

    // The state lives in a sealed, httpOnly, SameSite=Strict cookie that reveals nothing.
    const cookie = (await context.cookies()).find((c) => c.name === "sim-recorder");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/simulator" });
    expect(cookie?.value).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(cookie?.value).not.toContain(recorder.serial);

    await enterCodeAndReset(page, `${code.slice(0, 4)}-${code.slice(4)}`, NEW_PASSWORD);
    await expect(page.getByRole("heading", { name: "Sync Password" })).toBeVisible();
    await page.getByRole("button", { name: "Yes" }).click();
    await expect(page.getByTestId("recorder-message")).toHaveText("The new password was synced to the connected cameras.");
    await page.getByRole("button", { name: "OK", exact: true }).click();

    // The new admin password now opens the recorder.
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Login" }).click();
    await expect(page.getByTestId("recorder-message")).toHaveText("Logged in.");

    const events = await db.auditEvent.findMany({ where: { action: "simulator.challenge_created", serial: recorder.serial } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: agent.id });
  });

  test("refuses an email that is not the reserved one, in the recorder's words", async ({ page }) => {
    await signedInAgent(page);
    const recorder = await seedRecorder();
    await powerOnRecorder(page, recorder.serial);
    await page.getByRole("button", { name: "Forgot Password" }).click();
    await page.getByLabel("Reserved Email").fill("someone.else@e2e.test");
    await page.getByRole("button", { name: "OK", exact: true }).click();
    await expect(page.getByTestId("recorder-message")).toHaveText("The email address does not match the reserved email of this device.");
    await expect(page.getByRole("heading", { name: "Forgot Password" })).toBeVisible();
    expect(await db.auditEvent.count({ where: { action: "simulator.challenge_created", serial: recorder.serial } })).toBe(0);
  });

  test("locks code entry for five minutes after five wrong codes", async ({ page }) => {
    await signedInAgent(page);
    const recorder = await seedRecorder();
    const { url } = await openRetrieveScreen(page, recorder);
    const wrong = wrongCode(codeForChallenge(url));
    await enterWrongCodesUntilLocked(page, wrong);
    await expect(page.getByTestId("lockout-countdown")).toContainText(/Try again in [45]:\d\d/);
    await expect(page.getByLabel("Security Code")).toBeDisabled();
    await expect(page.getByRole("button", { name: "OK", exact: true })).toBeDisabled();
    // A reboot is no way around it: the lockout survives, on the next challenge too.
    await page.getByRole("button", { name: "Reboot" }).click();
    await requestReset(page, recorder.email);
    await expect(page.getByLabel("Security Code")).toBeDisabled();
  });

  test("an older sealed cookie cannot undo the lockout", async ({ page, context }) => {
    const agent = await signedInAgent(page);
    const recorder = await seedRecorder();
    const { url } = await openRetrieveScreen(page, recorder);
    const beforeLockout = (await context.cookies()).find((c) => c.name === "sim-recorder");
    expect(beforeLockout).toBeDefined();
    const wrong = wrongCode(codeForChallenge(url));
    await enterWrongCodesUntilLocked(page, wrong);

    // Put the cookie from before the five wrong codes back, as anyone can with the dev tools.
    await context.addCookies([beforeLockout!]);
    await visit(page, "/simulator");
    await expect(page.getByRole("heading", { name: "Registered recorder" })).toBeVisible();
    await expect(page.getByRole("img", { name: /QR code/ })).toHaveCount(0);
    // Sent straight to the action, it is refused too, and nothing new is sealed.
    const replayed = await callServerAction(page, {
      path: "/simulator",
      id: serverActionId("app/actions/simulator.ts", "recorderStepAction"),
      fields: { op: "enter-code", code: codeForChallenge(url) },
    });
    expect(replayed).toContain("The virtual recorder is off.");
    expect((await context.cookies()).find((c) => c.name === "sim-recorder")?.value).toBe(beforeLockout!.value);
    expect(await db.simulatorVersion.findUnique({ where: { userId: agent.id } })).toMatchObject({ version: 8 });
  });

  test("refuses a correct code once the recorder clock is more than 24 hours past the QR", async ({ page }) => {
    await signedInAgent(page);
    const recorder = await seedRecorder();
    const { url } = await openRetrieveScreen(page, recorder);
    await page.getByLabel("Clock offset (hours)").fill("25");
    await page.getByRole("button", { name: "Set clock" }).click();
    await expect(page.getByTestId("clock-offset")).toHaveText("+25 h");
    await expect(page.getByTestId("recorder-message")).toHaveText("System time saved.");
    await enterCode(page, codeForChallenge(url));
    await expect(page.getByTestId("recorder-message")).toHaveText("The security code has expired. Go back and request a new QR code.");
    await expect(page.getByRole("heading", { name: "Retrieve Password" })).toBeVisible();
  });

  test("a reboot discards the nonce: the old code is refused on the next QR", async ({ page }) => {
    await signedInAgent(page);
    const recorder = await seedRecorder();
    const first = await openRetrieveScreen(page, recorder);
    const oldCode = codeForChallenge(first.url);
    await page.getByRole("button", { name: "Reboot" }).click();
    await expect(page.getByTestId("recorder-message")).toHaveText("The device has restarted.");
    await expect(page.getByRole("heading", { name: "Login" })).toBeVisible();
    await requestReset(page, recorder.email);
    const second = await readQrFromScreen(page);
    expect(second.url).not.toBe(first.url);
    await enterCode(page, oldCode);
    await expect(page.getByTestId("recorder-message")).toHaveText("Incorrect security code. 4 attempts left.");
    // The new QR's code still works.
    await enterCodeAndReset(page, codeForChallenge(second.url), NEW_PASSWORD);
  });

  test("plays a bench recorder typed in by serial", async ({ page }) => {
    await signedInAgent(page);
    const serial = `BENCH-${Date.now().toString(36).toUpperCase()}`;
    await visit(page, "/simulator");
    await page.getByLabel("Serial number").fill(serial);
    await page.getByLabel("Model (bench only)").fill("DVR-4104");
    await page.getByLabel("MAC address (bench only)").fill("00:11:22:aa:bb:cc");
    await page.getByLabel("Reserved email (bench only)").fill("bench@e2e.test");
    await page.getByRole("button", { name: "Power on" }).last().click();
    await expect(page.getByTestId("recorder-monitor")).toContainText(serial);
    await requestReset(page, "bench@e2e.test");
    const { url } = await readQrFromScreen(page);
    expect(url).toContain(`s=${serial}&p=DVR-4104&m=001122AABBCC`);
    await enterCodeAndReset(page, codeForChallenge(url), NEW_PASSWORD);
  });

  test("is not an anonymous oracle, and one user's sealed recorder is useless to another", async ({ page, browser, request }) => {
    const anonymous = await request.get("/simulator", { maxRedirects: 0 });
    expect([302, 303, 307]).toContain(anonymous.status());
    expect(anonymous.headers().location).toContain("/login");
    // Calling the action directly, like an attacker, without a session: refused, nothing sealed.
    await visit(page, "/login");
    const forged = await callServerAction(page, {
      path: "/simulator",
      id: serverActionId("app/actions/simulator.ts", "recorderStepAction"),
      fields: { op: "reboot" },
    });
    expect(forged).toContain("Please sign in.");
    expect((await page.context().cookies()).some((c) => c.name === "sim-recorder")).toBe(false);

    await signedInAgent(page);
    const recorder = await seedRecorder();
    await openRetrieveScreen(page, recorder);
    const stolen = (await page.context().cookies()).find((c) => c.name === "sim-recorder");
    expect(stolen).toBeDefined();

    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signedInAgent(otherPage);
    await other.addCookies([stolen!]);
    await visit(otherPage, "/simulator");
    await expect(otherPage.getByRole("heading", { name: "Registered recorder" })).toBeVisible();
    await expect(otherPage.getByRole("img", { name: /QR code/ })).toHaveCount(0);
    await other.close();
  });
});
