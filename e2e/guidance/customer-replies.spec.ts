import { expect, test } from "@playwright/test";
import { recorderChallenge, seedDevice } from "@/lib/testing/fixtures";
import { db, seedUser } from "../support/db";
import { visit } from "../support/ready";
import { signIn } from "../support/session";

test("a supervisor rewrites a customer reply; the agent sees the new version with the next step on the ticket and can copy it", async ({ browser }) => {
  const supervisor = await seedUser("SUPERVISOR");
  const agent = await seedUser("AGENT");
  // A stolen recorder: the agent is told what to do, the customer reply says nothing of the state.
  const device = await seedDevice(db, { status: "STOLEN" });
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });

  const supervisorContext = await browser.newContext();
  const supervisorPage = await supervisorContext.newPage();
  await signIn(supervisorPage, supervisor);
  await visit(supervisorPage, "/templates");
  await expect(supervisorPage.getByRole("heading", { name: "Customer replies" })).toBeVisible();
  const editor = supervisorPage.getByLabel("Reply for DEVICE_STOLEN");
  const save = supervisorPage.locator("form", { has: editor }).getByRole("button", { name: "Save new version" });
  const words = `Hello {name}, about {ref}: please send the invoice for this recorder (${Date.now()}).`;
  await editor.fill("too short");
  await save.click();
  await expect(supervisorPage.getByText("Write the reply (at least 20 characters).")).toBeVisible();
  // What was typed survives the refusal.
  await expect(editor).toHaveValue("too short");
  await editor.fill(words);
  await save.click();
  await expect(supervisorPage.getByText(/Saved as version \d+\./)).toBeVisible();
  await supervisorContext.close();

  const agentContext = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await agentContext.newPage();
  await signIn(page, agent);
  const response = await page.request.post("/api/v1/tickets", {
    data: {
      customerName: "Zoë Owner",
      customerEmail: owner.email,
      channel: "PHONE",
      challengeText: recorderChallenge({ serial: device.serial, reservedEmail: owner.email }),
    },
  });
  const ticket = (await response.json()) as { id: string; ref: string };
  await visit(page, `/tickets/${ticket.id}`);
  const card = page.locator("section", { hasText: "What to do next" });
  await expect(card.getByText("Do not mention the recorder's status")).toBeVisible();
  const item = page.locator('[data-reason="DEVICE_STOLEN"]');
  await item.getByText("Reply to the customer").click();
  const filled = words.replace("{name}", "Zoë Owner").replace("{ref}", ticket.ref);
  await expect(item.getByText(filled)).toBeVisible();
  await item.getByRole("button", { name: "Copy reply" }).click();
  await expect(item.getByText("Copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(filled);
  await agentContext.close();
});
