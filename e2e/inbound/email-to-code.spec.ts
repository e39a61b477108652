import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import nodemailer from "nodemailer";
import sharp from "sharp";
import { db, seedUser } from "../support/db";
import { E2E_INBOUND_SMTP_PORT } from "../support/env";
import { codeFromMail, waitForMail } from "../support/mail";
import { pageReady, visit } from "../support/ready";
import { signIn } from "../support/session";
import { codeForChallenge, openRetrieveScreen, seedRecorder } from "../support/simulator";

test("a customer's email with a phone photo becomes a ready ticket; the agent sends the code; the owner receives it", async ({ page, context }) => {
  const agent = await seedUser("AGENT");
  const recorder = await seedRecorder();
  // The virtual recorder is a console page: the agent's browser opens it (as in the whole-loop spec).
  await signIn(page, agent);
  // The owner photographs the recorder's screen with a phone: its fresh QR on a real phone photo's background.
  const screen = await context.newPage();
  const qr = await openRetrieveScreen(screen, { serial: recorder.serial, email: recorder.email });
  const background = await sharp(await readFile("e2e/fixtures/qr/photo-dark-theme.jpg"))
    .resize(1600, 1200, { fit: "cover" })
    .toBuffer();
  const qrSized = await sharp(qr.png).resize(700, 700, { fit: "contain", background: "#ffffff" }).toBuffer();
  const photo = await sharp(background)
    .composite([{ input: qrSized, top: 250, left: 450 }])
    .jpeg({ quality: 85 })
    .toBuffer();

  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: E2E_INBOUND_SMTP_PORT, secure: false, ignoreTLS: true });
  const sent = await transport.sendMail({
    from: `${recorder.ownerName} <${recorder.email}>`,
    to: "support@recorders.example",
    subject: "Locked out of my recorder",
    text: "Hello, photo of the screen attached.",
    headers: { "Authentication-Results": "mx.recorders.example; spf=pass smtp.mailfrom=example.com; dkim=pass; dmarc=pass" },
    attachments: [{ filename: "IMG_4032.jpg", content: photo, contentType: "image/jpeg" }],
  });
  transport.close();
  expect(sent.response).toMatch(/^250/);

  const ticket = await db.ticket.findFirstOrThrow({ where: { serial: recorder.serial }, orderBy: { createdAt: "desc" } });
  expect(ticket).toMatchObject({ status: "READY", channel: "EMAIL", assigneeId: null });

  await page.bringToFront();
  await visit(page, "/tickets");
  const row = page.getByRole("row").filter({ hasText: recorder.serial });
  await expect(row.getByText("From email")).toBeVisible();
  await expect(row.getByText("Ready to send")).toBeVisible();

  await visit(page, `/tickets/${ticket.id}`);
  await expect(page.getByRole("heading", { name: /Checks: issue the code/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Email thread" }).getByText(/spf=pass/)).toBeVisible();
  await page.getByRole("button", { name: "Take ticket" }).click();
  await pageReady(page);
  await page.getByRole("button", { name: "Send code to owner" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Send code" }).click();
  await expect(page.getByText(/Code sent to the owner of record/)).toBeVisible();

  const [mail] = await waitForMail(recorder.email);
  expect(codeFromMail(mail!.mail)).toBe(codeForChallenge(qr.url));
});
