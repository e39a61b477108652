import { expect, test, type Page } from "@playwright/test";
import { recorderChallenge, seedDevice } from "@/lib/testing/fixtures";
import { db, seedUser } from "../support/db";
import { codeFromMail, waitForMail } from "../support/mail";
import { callServerAction, serverActionId } from "../support/server-actions";
import { signIn } from "../support/session";
import { codeForChallenge } from "../support/simulator";
import { reloadPage, visit } from "../support/ready";

const ACTIONS = "app/actions/tickets.ts";
const RELAY_REFUSAL = "SMTP 554: 5.7.1 Relay access denied";

/**
 * A ticket opened by `agent` through the API (the real checks), whose code was issued while the
 * mail server refused it: the ticket SENT, its code issue, and the outbox row FAILED for good.
 */
async function ticketWithFailedEmail(agentPage: Page, agentId: string) {
  const device = await seedDevice(db);
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  const challengeText = recorderChallenge({ serial: device.serial, reservedEmail: owner.email });
  const response = await agentPage.request.post("/api/v1/tickets", {
    data: { customerName: "Rhea Relay", customerEmail: owner.email, channel: "EMAIL", challengeText },
  });
  expect(response.status()).toBe(201);
  const ticket = (await response.json()) as { id: string; status: string };
  expect(ticket.status).toBe("READY");
  const { challengeId } = await db.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { challengeId: true } });
  const outboxId = await db.$transaction(async (tx) => {
    await tx.ticket.update({ where: { id: ticket.id }, data: { status: "SENT", firstSentAt: new Date() } });
    const issue = await tx.codeIssue.create({
      data: { ticketId: ticket.id, serial: device.serial, kind: "FIRST", destination: owner.email, actorId: agentId },
    });
    const row = await tx.outboxEmail.create({
      data: {
        kind: "RESET_CODE",
        to: owner.email,
        payload: { ticketId: ticket.id, challengeId: challengeId!, codeIssueId: issue.id },
        idempotencyKey: `code-issue:${issue.id}`,
        ticketId: ticket.id,
        status: "FAILED",
        attempts: 1,
        lastError: RELAY_REFUSAL,
      },
    });
    await tx.codeIssue.update({ where: { id: issue.id }, data: { outboxId: row.id } });
    return row.id;
  });
  return { ticketId: ticket.id, outboxId, ownerEmail: owner.email, challengeText };
}

test("a supervisor requeues a failed reset email after the mail server was fixed, and the owner receives the code", async ({ page, browser }) => {
  const agent = await seedUser("AGENT");
  const supervisor = await seedUser("SUPERVISOR");
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await signIn(agentPage, agent);
  const seeded = await ticketWithFailedEmail(agentPage, agent.id);

  // The agent sees the failure but has no requeue, and calling the action directly is refused.
  await visit(agentPage, `/tickets/${seeded.ticketId}`);
  await expect(agentPage.getByRole("list", { name: "Email delivery" })).toContainText("failed");
  await expect(agentPage.getByRole("button", { name: "Requeue email" })).toHaveCount(0);
  const requeueId = serverActionId(ACTIONS, "requeueEmailAction");
  const refused = await callServerAction(agentPage, {
    path: `/tickets/${seeded.ticketId}`,
    id: requeueId,
    fields: { ticketId: seeded.ticketId, emailId: seeded.outboxId },
  });
  expect(refused).toContain("Your role does not allow this.");
  await agentContext.close();
  expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } })).toMatchObject({ status: "FAILED", attempts: 1, lastError: RELAY_REFUSAL });

  await signIn(page, supervisor);
  await visit(page, `/tickets/${seeded.ticketId}`);
  const delivery = page.getByRole("list", { name: "Email delivery" });
  await expect(delivery).toContainText("failed");
  await expect(delivery).toContainText(`Last error: ${RELAY_REFUSAL}`);

  // The confirm step can be backed out of without any change.
  await delivery.getByRole("button", { name: "Requeue email" }).click();
  await expect(delivery.getByText("Send it to the owner of record again?")).toBeVisible();
  await delivery.getByRole("button", { name: "Cancel" }).click();
  await expect(delivery.getByText("Send it to the owner of record again?")).toHaveCount(0);
  expect((await db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } })).status).toBe("FAILED");

  await delivery.getByRole("button", { name: "Requeue email" }).click();
  await delivery.getByRole("button", { name: "Yes, requeue" }).click();
  await expect(page.getByText("Requeued. The email will be tried again within a few seconds.")).toBeVisible();
  await expect(delivery.getByRole("button", { name: "Requeue email" })).toHaveCount(0);

  const [received] = await waitForMail(seeded.ownerEmail);
  expect(received!.envelopeTo).toEqual([seeded.ownerEmail]);
  expect(codeFromMail(received!.mail)).toBe(codeForChallenge(seeded.challengeText));

  await expect.poll(async () => (await db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } })).status).toBe("SENT");
  expect(await db.outboxEmail.findUniqueOrThrow({ where: { id: seeded.outboxId } })).toMatchObject({ attempts: 1, lastError: null });
  const events = await db.auditEvent.findMany({
    where: { ticketId: seeded.ticketId, action: { in: ["email.requeued", "email.sent"] } },
    orderBy: { seq: "asc" },
  });
  expect(events.map((e) => e.action)).toEqual(["email.requeued", "email.sent"]);
  expect(events[0]).toMatchObject({ actorId: supervisor.id, details: expect.objectContaining({ outboxId: seeded.outboxId, previousAttempts: 1 }) });

  await reloadPage(page);
  await expect(delivery).toContainText("sent");
  await expect(delivery.getByRole("button", { name: "Requeue email" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Audit timeline" })).toContainText("requeued the failed email to");
  expect(await page.content()).not.toContain(codeForChallenge(seeded.challengeText));
});
