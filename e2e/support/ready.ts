import type { Page, Response } from "@playwright/test";

/**
 * Waits until the page at the browser's current path has hydrated and attached its handlers:
 * the app sets `<html data-ready="<path>">` once that is so (components/shell/ready-marker.tsx).
 * Before that, a key press reaches no shortcut handler, a file handed to an input no change
 * handler, and a click on a form that submits in JavaScript a plain HTML submit.
 *
 * Call it after every navigation before pressing keys or clicking: `visit` and `reloadPage` do,
 * and after a click or key that moves to another page, call it once the new URL is there.
 * It waits for a state, not for time: nothing is retried, so a page that never gets ready fails
 * the test at its timeout.
 */
export async function pageReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.ready === location.pathname);
}

/** `page.goto(path)`, then `pageReady`. Returns the navigation's response (for its status). */
export async function visit(page: Page, path: string): Promise<Response | null> {
  const response = await page.goto(path);
  await pageReady(page);
  return response;
}

/** `page.reload()`, then `pageReady`. */
export async function reloadPage(page: Page): Promise<void> {
  await page.reload();
  await pageReady(page);
}
