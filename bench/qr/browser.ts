/**
 * npm run bench:decode-browser — does a 12 MP photo freeze the agent's page while it is decoded?
 *
 * Builds and starts the console (as the e2e suite does: `e2e/support/server.ts`, PostgreSQL),
 * signs in an agent in Debian Chromium and picks the 12 MP photos of the generated hard set
 * (4000×3000 JPEGs) on a new ticket, one at a time. While each is read, a probe in the page records
 * the gaps between animation frames and the browser's long tasks (main-thread work over 50 ms).
 *
 * Rows, all in the same run and the same page:
 *   idle          — the page with nothing to do (the floor of the measurement);
 *   worker        — the console as shipped: bitmap decode off-thread, pipeline in a Web Worker;
 *   main thread   — baseline: the same pipeline on the main thread (the client's fallback when a
 *                   browser has no Worker), yielding between jsQR attempts.
 *
 * Options: --photos=N (default 12), --seed=N (hard-set seed). Env: BENCH_PORT (default 3950).
 */
import { spawn } from "node:child_process";
import os from "node:os";
import { hardSetSpecs, renderFixture } from "./fixtures";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const PHOTOS = Number(arg("photos") ?? 12);
const seed = arg("seed") ? Number(arg("seed")) : undefined;
const PORT = process.env.BENCH_PORT ?? "3950";

// The e2e support modules read these at import time.
process.env.E2E_PORT = PORT;
process.env.E2E_DB_NAME = "reset_console_bench_browser";
process.env.E2E_SMTP_PORT = process.env.E2E_SMTP_PORT ?? "2599";
process.env.NEXT_DIST_DIR = ".next-bench-browser";
const { chromium } = await import("@playwright/test");
const { CHROMIUM_PATH, E2E_BASE_URL } = await import("@/e2e/support/env");

type Probe = { maxGapMs: number; frames: number; longTasks: number; longestTaskMs: number; blockingMs: number };
type Sample = Probe & { ok: boolean; wallMs: number };

const photos = hardSetSpecs(seed)
  .filter((s) => s.category === "12mp")
  .slice(0, PHOTOS);
console.error(`Rendering ${photos.length} 12 MP photos…`);
const fixtures = await Promise.all(photos.map((s) => renderFixture(s)));

console.error("Building and starting the console…");
const server = spawn("npx", ["tsx", "e2e/support/server.ts"], { stdio: ["ignore", "ignore", "inherit"], env: process.env, detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stopServer);

async function waitForHealth(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error("the console did not start");
    try {
      if ((await fetch(`${E2E_BASE_URL}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the console did not become healthy in 5 minutes");
}

// Plain-JavaScript strings: tsx compiles functions with helpers (`__name`) that do not exist in the page.
const INSTALL_PROBE = `(() => {
  const probe = { gaps: [], tasks: [], last: performance.now(), running: true };
  window.__probe = probe;
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.tasks.push(e.duration); });
  observer.observe({ type: "longtask" });
  const tick = (t) => {
    probe.gaps.push(t - probe.last);
    probe.last = t;
    if (probe.running) requestAnimationFrame(tick);
    else observer.disconnect();
  };
  requestAnimationFrame(tick);
})()`;

const READ_PROBE = `(() => {
  const probe = window.__probe;
  probe.running = false;
  return {
    maxGapMs: Math.max(0, ...probe.gaps.slice(1)),
    frames: probe.gaps.length,
    longTasks: probe.tasks.length,
    longestTaskMs: Math.max(0, ...probe.tasks),
    blockingMs: probe.tasks.reduce((s, d) => s + Math.max(0, d - 50), 0),
  };
})()`;

try {
  await waitForHealth();
  const { seedUser, db } = await import("@/e2e/support/db");
  const { pageReady, visit } = await import("@/e2e/support/ready");
  const agent = await seedUser("AGENT");
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  const page = await context.newPage();
  await visit(page, "/login");
  await page.getByLabel("Email").fill(agent.email);
  await page.getByLabel("Password").fill(agent.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/tickets/);
  await pageReady(page);

  async function run(mode: "worker" | "main thread"): Promise<Sample[]> {
    const samples: Sample[] = [];
    for (const fx of fixtures) {
      // A fresh page per photo: no result of the previous photo on screen.
      await visit(page, "/tickets/new");
      // The client falls back to the main thread when the browser has no Worker.
      if (mode === "main thread") await page.evaluate(`Object.defineProperty(window, "Worker", { value: undefined, configurable: true })`);
      // Hand the file to the page first, then start measuring: Playwright's transfer of a 4 MB file
      // into the page is the test harness's work, not the console's.
      await page.evaluate(
        `document.querySelector('input[type=file][accept^="image/*,"]').addEventListener("change", (e) => e.stopImmediatePropagation(), { capture: true, once: true })`,
      );
      await page.getByLabel("Photo of the QR code").setInputFiles({ name: `${fx.spec.id}.jpg`, mimeType: "image/jpeg", buffer: fx.jpeg });
      await page.evaluate(INSTALL_PROBE);
      const t0 = performance.now();
      await page.getByLabel("Photo of the QR code").dispatchEvent("change");
      const found = page.getByText(/QR code read in \d+ ms/);
      const failed = page.getByRole("alert").filter({ hasText: "better photo" });
      await found.or(failed).waitFor({ timeout: 60_000 });
      const wallMs = performance.now() - t0;
      const ok = (await page.getByLabel("Reset link from the customer").inputValue()) === fx.spec.text;
      samples.push({ ...((await page.evaluate(READ_PROBE)) as Probe), ok, wallMs });
      console.error(
        `${mode.padEnd(11)} ${fx.spec.id} ${ok ? "OK" : "--"} ${wallMs.toFixed(0)} ms, longest frame gap ${samples.at(-1)!.maxGapMs.toFixed(0)} ms`,
      );
      await page.getByLabel("Reset link from the customer").fill("");
    }
    return samples;
  }

  await visit(page, "/tickets/new");
  await page.evaluate(INSTALL_PROBE);
  await page.waitForTimeout(2000);
  const idle = (await page.evaluate(READ_PROBE)) as Probe;
  // Warm-up: the worker's first start and the JIT.
  await run("worker");
  const worker = await run("worker");
  const main = await run("main thread");
  await browser.close();
  await db.$disconnect();

  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
  const max = (xs: number[]) => Math.max(...xs);
  const f0 = (x: number) => x.toFixed(0);
  const rows: string[] = [
    `## 12 MP photos in the browser — ${fixtures.length} photos (4000×3000 JPEG), Chromium ${browser.version()}`,
    "",
    `Node ${process.version}, ${os.cpus().length}× ${os.cpus()[0]?.model ?? "cpu"}. Per photo: from picking the file to the result on screen; the frame gaps and long tasks are the page's main thread during that time.`,
    "",
    "| mode | decoded | median ms to result | max ms to result | median longest frame gap ms | worst frame gap ms | longest task ms | blocking ms per photo (median) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    `| idle page, 2 s (floor) | — | — | — | ${f0(idle.maxGapMs)} | ${f0(idle.maxGapMs)} | ${f0(idle.longestTaskMs)} | ${f0(idle.blockingMs)} |`,
  ];
  for (const [name, s] of [
    ["worker (shipped)", worker],
    ["main thread (baseline)", main],
  ] as const) {
    rows.push(
      `| ${name} | ${s.filter((x) => x.ok).length}/${s.length} | ${f0(med(s.map((x) => x.wallMs)))} | ${f0(max(s.map((x) => x.wallMs)))} | ${f0(med(s.map((x) => x.maxGapMs)))} | ${f0(max(s.map((x) => x.maxGapMs)))} | ${f0(max(s.map((x) => x.longestTaskMs)))} | ${f0(med(s.map((x) => x.blockingMs)))} |`,
    );
  }
  const ratio = med(main.map((x) => x.maxGapMs)) / Math.max(1, med(worker.map((x) => x.maxGapMs)));
  rows.push("", `Longest frame gap, main thread ÷ worker (medians): ${ratio.toFixed(1)}×.`);
  console.log(rows.join("\n"));
} finally {
  stopServer();
}
process.exit(0);
