import { expect, type Page } from "@playwright/test";
import type { SeededUser } from "./db";
import { pageReady, visit } from "./ready";

/** Signs in on /login and waits for the ticket queue to be ready for input. */
export async function signIn(page: Page, user: Pick<SeededUser, "email" | "password">) {
  await visit(page, "/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Password hashing is slow on purpose (argon2id): on a loaded machine it outlasts the default wait.
  await expect(page).toHaveURL(/\/tickets/, { timeout: 30_000 });
  await pageReady(page);
}
