import { expect, test } from "@playwright/test";
import { visit } from "../support/ready";

test("health reports app and database status without secrets", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { engine: "postgresql", status: "ok" } });
  expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|secret|password|RESET_MASTER/i);
});

test("pages carry the security headers and the app works under its CSP", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  const response = await visit(page, "/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
  // React hydrated (the form handles submit in JS) and nothing was blocked.
  await page.getByLabel("Email").fill("x@e2e.test");
  await page.getByLabel("Password").fill("y");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form").getByRole("alert")).toBeVisible();
  expect(violations).toEqual([]);
});

test("the sign-in form is keyboard-usable", async ({ page }) => {
  await visit(page, "/login");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeFocused();
});
