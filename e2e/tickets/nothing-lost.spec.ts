import { expect, test } from "@playwright/test";
import { recorderChallenge, seedDevice } from "@/lib/testing/fixtures";
import { db, seedUser } from "../support/db";
import { visit, pageReady } from "../support/ready";
import { signIn } from "../support/session";

test("a refused new ticket keeps everything the agent typed, and a saved note clears its field", async ({ page }) => {
  const agent = await seedUser("AGENT");
  const device = await seedDevice(db);
  const owner = await db.owner.findUniqueOrThrow({ where: { id: device.ownerId! } });
  const link = recorderChallenge({ serial: device.serial, reservedEmail: owner.email });

  await signIn(page, agent);
  await visit(page, "/tickets/new");
  await page.getByLabel("Customer name").fill("Olivia Owner");
  await page.getByLabel("Contact email").fill("not-an-email");
  await page.getByRole("textbox", { name: "Phone" }).fill("+44 20 7946 0000");
  await page.getByRole("radio", { name: "Phone" }).check();
  await page.getByLabel("Notes").fill("Called from the shop, recorder in the back office.");
  await page.getByLabel("Reset link from the customer").fill(link);
  await page.getByRole("button", { name: "Run checks and open ticket" }).click();

  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page).toHaveURL(/\/tickets\/new$/);
  await expect(page.getByLabel("Customer name")).toHaveValue("Olivia Owner");
  await expect(page.getByLabel("Contact email")).toHaveValue("not-an-email");
  await expect(page.getByRole("textbox", { name: "Phone" })).toHaveValue("+44 20 7946 0000");
  await expect(page.getByRole("radio", { name: "Phone" })).toBeChecked();
  await expect(page.getByLabel("Notes")).toHaveValue("Called from the shop, recorder in the back office.");
  await expect(page.getByLabel("Reset link from the customer")).toHaveValue(link);

  // Corrected, the same form goes through without retyping anything else.
  await page.getByLabel("Contact email").fill(owner.email);
  await page.getByRole("button", { name: "Run checks and open ticket" }).click();
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await pageReady(page);

  const note = page.getByLabel(/Internal note/);
  await note.fill("   ");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Write a note first.")).toBeVisible();
  await note.fill("Customer confirmed the serial on the sticker.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Note added.")).toBeVisible();
  await expect(note).toHaveValue("");
  await expect(page.getByText("Customer confirmed the serial on the sticker.")).toBeVisible();
});
