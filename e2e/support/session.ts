import { expect, type Page } from "@playwright/test";
import type { SeededUser } from "./db";

export async function signIn(page: Page, user: Pick<SeededUser, "email" | "password">) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/tickets/);
}
