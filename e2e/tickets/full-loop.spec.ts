import { expect, test } from "@playwright/test";
import { db, seedUser } from "../support/db";
import { codeFromMail, waitForMail } from "../support/mail";
import { signIn } from "../support/session";
import { codeForChallenge, enterCodeAndReset, openRetrieveScreen, seedRecorder } from "../support/simulator";
import { pageReady, visit } from "../support/ready";

test("the whole loop: recorder QR → photo on a new ticket → code by email → recorder reset", async ({ page, context }) => {
  const agent = await seedUser("AGENT");
  const recorder = await seedRecorder();
  await signIn(page, agent);

  // The owner's recorder shows its QR; the owner sends support a screenshot of it.
  const screen = await context.newPage();
  const qr = await openRetrieveScreen(screen, { serial: recorder.serial, email: recorder.email });

  await visit(page, "/tickets/new");
  await page.getByLabel("Customer name").fill(recorder.ownerName);
  await page.getByLabel("Contact email").fill(recorder.email);
  await page.getByLabel("Photo of the QR code").setInputFiles({ name: "qr-screenshot.png", mimeType: "image/png", buffer: qr.png });
  await expect(page.getByText(/QR code read in \d+ ms/)).toBeVisible();
  await expect(page.getByLabel("Reset link from the customer")).toHaveValue(qr.url);
  await expect(page.getByLabel("Challenge fields")).toContainText(recorder.serial);
  await expect(page.getByRole("img", { name: "The customer's photo" })).toBeVisible();
  await page.getByRole("button", { name: "Run checks and open ticket" }).click();
  await expect(page.getByRole("heading", { name: /Checks: issue the code/ })).toBeVisible();
  await pageReady(page);
  await page.getByRole("button", { name: "Send code to owner" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Send code" }).click();
  await expect(page.getByText(/Code sent to the owner of record/)).toBeVisible();

  const [mail] = await waitForMail(recorder.email);
  const code = codeFromMail(mail!.mail);
  expect(code).toBe(codeForChallenge(qr.url));
  expect(await page.content()).not.toContain(code);

  // The owner types it into the recorder, which accepts it and asks for a new password.
  await screen.bringToFront();
  await enterCodeAndReset(screen, `${code.slice(0, 4)}-${code.slice(4)}`, "NewPassw0rd2026");
  const ticketId = page.url().split("/").pop()!;
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status).toBe("SENT");
});
