import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_PATH, E2E_BASE_URL, E2E_DB_NAME } from "./e2e/support/env";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  // Per-database output folders: parallel runs must not wipe each other's artifacts or mail.
  outputDir: `test-results/${E2E_DB_NAME}`,
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // Chromium's background services try to reach the internet, which this machine refuses.
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "npx tsx e2e/support/server.ts",
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI && process.env.E2E_REUSE_SERVER === "1",
    stdout: "ignore",
    stderr: "pipe",
  },
});
