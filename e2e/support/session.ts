import { expect, type Page } from "@playwright/test";
import { totpCode, totpStep } from "@/lib/auth/mfa/totp";
import type { SeededUser } from "./db";
import { pageReady, visit } from "./ready";

/** The last TOTP time step each seed was used at in this worker: the console refuses a step twice. */
const lastStep = new Map<string, number>();

/** A fresh authenticator code for `secret`: waits for the next 30-second step when this one was used already. */
export async function freshTotpCode(secret: string): Promise<string> {
  for (;;) {
    const now = new Date();
    const step = totpStep(now);
    if (step > (lastStep.get(secret) ?? -1)) {
      lastStep.set(secret, step);
      return totpCode(secret, now);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 - (now.getTime() % 1000) + 50));
  }
}

/** Password, then (for a user with an authenticator app) the code on /mfa; waits for the ticket queue to be ready for input. */
export async function signIn(page: Page, user: Pick<SeededUser, "email" | "password" | "totpSecret">) {
  await visit(page, "/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Password hashing is slow on purpose (argon2id): on a loaded machine it outlasts the default wait.
  await expect(page).toHaveURL(user.totpSecret ? /\/mfa/ : /\/tickets/, { timeout: 30_000 });
  if (user.totpSecret) {
    await page.getByLabel("Authentication code").fill(await freshTotpCode(user.totpSecret));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page).toHaveURL(/\/tickets/, { timeout: 30_000 });
  }
  await pageReady(page);
}
