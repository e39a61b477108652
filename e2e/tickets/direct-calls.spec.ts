import { expect, test, type Page } from "@playwright/test";
import { recorderChallenge, seedDevice } from "@/lib/testing/fixtures";
import { db, seedUser } from "../support/db";
import { callServerAction, serverActionId } from "../support/server-actions";
import { signIn } from "../support/session";
import { visit } from "../support/ready";

const ACTIONS = "app/actions/tickets.ts";

async function openTicketViaApi(page: Page, customerEmail?: string) {
  const device = await seedDevice(db);
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  const response = await page.request.post("/api/v1/tickets", {
    data: {
      customerName: "Kim",
      customerEmail: customerEmail ?? owner.email,
      channel: "EMAIL",
      challengeText: recorderChallenge({ serial: device.serial, reservedEmail: owner.email }),
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; status: string; decision: string };
}

async function unchanged(ticketId: string, status: string) {
  const ticket = await db.ticket.findUniqueOrThrow({ where: { id: ticketId }, include: { codeIssues: true, outbox: true } });
  expect(ticket.status).toBe(status);
  expect(ticket.codeIssues).toHaveLength(0);
  expect(ticket.outbox).toHaveLength(0);
}

test("issue and resend actions called directly: no session, someone else's ticket, wrong state — all refused, nothing changes", async ({ page, browser }) => {
  const owner = await seedUser("AGENT");
  const other = await seedUser("AGENT");
  await signIn(page, owner);
  const ready = await openTicketViaApi(page);
  const review = await openTicketViaApi(page, "not-the-owner@e2e.test");
  expect([ready.status, review.status]).toEqual(["READY", "REVIEW"]);
  const issueId = serverActionId(ACTIONS, "issueCodeAction");
  const resendId = serverActionId(ACTIONS, "resendCodeAction");

  const anonymousContext = await browser.newContext();
  const anonymous = await anonymousContext.newPage();
  await visit(anonymous, "/login");
  expect(await callServerAction(anonymous, { path: "/tickets", id: issueId, fields: { ticketId: ready.id } })).toContain("Please sign in.");
  expect((await anonymous.request.post(`/api/v1/tickets/${ready.id}/issue`, { data: {} })).status()).toBe(401);
  await anonymousContext.close();

  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, other);
  expect(await callServerAction(otherPage, { path: "/tickets", id: issueId, fields: { ticketId: ready.id } })).toContain("not yours to act on");
  await otherContext.close();

  expect(await callServerAction(page, { path: "/tickets", id: issueId, fields: { ticketId: review.id } })).toContain("waits for a supervisor");
  expect(await callServerAction(page, { path: "/tickets", id: resendId, fields: { ticketId: ready.id } })).toContain("Nothing was sent on this ticket yet.");
  expect(await callServerAction(page, { path: "/tickets", id: issueId, fields: { ticketId: "not-a-uuid" } })).toContain("Some fields need attention.");
  // A cross-site page cannot drive the JSON API with the agent's cookie.
  expect((await page.request.post(`/api/v1/tickets/${ready.id}/issue`, { data: {}, headers: { Origin: "https://evil.example" } })).status()).toBe(403);

  await unchanged(ready.id, "READY");
  await unchanged(review.id, "REVIEW");

  // The same call by the ticket's own agent works, and answers no code.
  const sent = await callServerAction(page, { path: "/tickets", id: issueId, fields: { ticketId: ready.id } });
  expect(sent).toContain("Code sent to the owner of record");
  expect((await db.ticket.findUniqueOrThrow({ where: { id: ready.id } })).status).toBe("SENT");
});
