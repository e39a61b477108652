// What every page of the console must be, checked on each visit of e2e/polish/every-page.spec.ts
// (and usable by any spec): no axe violations (WCAG 2.0/2.1 A and AA), no sideways scrolling, no
// console errors or failed requests, and a focus ring of at least 3:1 wherever focus lands.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Axe on the page as it is now; fails with each violation's rule, impact and first offending elements. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 4)
        .map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.replace(/\s+/g, " ")}`)
        .join("\n")}`,
  );
  expect.soft(report, `axe on ${label}`).toEqual([]);
}

/** The page does not scroll sideways: nothing is wider than the viewport. Names the widest culprits when it does. */
export async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    const overflowing =
      root.scrollWidth > root.clientWidth
        ? [...document.querySelectorAll("body *")]
            // The outermost culprits: an element that overflows inside a parent that does not.
            .filter(
              (el) =>
                el.getBoundingClientRect().right > root.clientWidth + 0.5 && (el.parentElement?.getBoundingClientRect().right ?? 0) <= root.clientWidth + 0.5,
            )
            .map(
              (el) =>
                `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${[...el.classList].slice(0, 4).join(".")} → ${Math.round(el.getBoundingClientRect().right)}px`,
            )
            .slice(0, 6)
        : [];
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, overflowing };
  });
  expect
    .soft(result.scrollWidth, `${label} scrolls sideways (${result.clientWidth}px wide): ${result.overflowing.join("; ")}`)
    .toBeLessThanOrEqual(result.clientWidth);
}

/**
 * Collects what the browser reports as broken while a page is open: console errors, uncaught
 * exceptions, failed requests and HTTP errors. `take()` returns them and starts a new list;
 * `expected` is the one status the visited document itself may have (a 403 or 404 page).
 */
export function watchProblems(page: Page) {
  let problems: string[] = [];
  let allowed: { url: string; status: number } | null = null;
  const allowedDocument = (url: string, status: number) => allowed !== null && url === allowed.url && status === allowed.status;
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const location = message.location().url;
    // Chromium logs the expected 403/404 of the document itself as a failed resource.
    if (allowed && location === allowed.url && message.text().includes(`status of ${allowed.status}`)) return;
    problems.push(`console: ${message.text()} (${location})`);
  });
  page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "";
    // Prefetches and the live-update stream are cut off when the test navigates on: not a fault.
    if (failure === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.method()} ${request.url()} ${failure}`);
  });
  page.on("response", (response) => {
    if (response.status() < 400 || allowedDocument(response.url(), response.status())) return;
    problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return {
    expectStatus(url: string, status: number | null) {
      allowed = status === null ? null : { url, status };
    },
    take(): string[] {
      const taken = problems;
      problems = [];
      return taken;
    },
  };
}

/** WCAG's contrast ratio of two sRGB colours ([r, g, b] 0–255). */
function contrastRatio(a: number[], b: number[]): number {
  const luminance = (rgb: number[]) => {
    const [r, g, bl] = rgb.map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

type FocusSample = { element: string; visible: boolean; style: string; width: number; ring: number[] | null; behind: number[][] };

/**
 * Focuses every control a keyboard can reach on the page (up to `limit`), as Tab would, and
 * measures its ring: it must be drawn (outline at least 2 px) in a colour with at least 3:1
 * contrast against whatever is behind the ring, sampled just outside the element on each side
 * (what the eye sees there, so a link in the dark header is measured against the header, not
 * against the page under it). One Tab first puts the page in keyboard mode, so :focus-visible
 * applies as it does for Tab; the walk itself runs in the page, in one round trip. That Tab
 * reaches each control in a sensible order is the keyboard journeys' job
 * (e2e/polish/keyboard-journeys.spec.ts). A soft expectation, like the other checks here.
 */
export async function expectVisibleFocus(page: Page, label: string, limit = 80): Promise<number> {
  await page.keyboard.press("Tab");
  const samples: FocusSample[] = await page.evaluate((limit) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    /** Any CSS colour (oklch included) as sRGB bytes with alpha 0–1. */
    const rgba = (color: string): number[] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "#000";
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((k) => top[k]! * top[3]! + under[k]! * (1 - top[3]!)).concat(1);
    /** The colours showing at (x, y) with `el` and its descendants left out: every layer's background composited; a gradient gives each of its colours. */
    const behindAt = (el: Element, x: number, y: number): number[][] => {
      let results: number[][] = [[255, 255, 255, 1]];
      const layers = document.elementsFromPoint(x, y).filter((n) => !el.contains(n));
      for (const layer of layers.reverse()) {
        const style = getComputedStyle(layer);
        const gradientColors = style.backgroundImage.match(/(?:rgba?|oklch|oklab|lab|lch|hsla?|color)\([^)]*\)|#[0-9a-f]{3,8}/gi);
        const fills = gradientColors?.length ? gradientColors.map(rgba) : [rgba(style.backgroundColor)];
        const next: number[][] = [];
        for (const fill of fills) for (const under of results) next.push(fill[3] === 0 ? under : over(fill, under));
        results = next.slice(0, 8);
      }
      return results;
    };
    const tabbable = [
      ...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, summary, [tabindex], [contenteditable=true]"),
    ].filter((el) => {
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || (el as HTMLInputElement).type === "hidden") return false;
      if (el.closest("[inert], [aria-hidden=true]")) return false;
      // Radio groups: Tab stops on the checked one only.
      if ((el as HTMLInputElement).type === "radio" && !(el as HTMLInputElement).checked) return false;
      return el.checkVisibility({ visibilityProperty: true, opacityProperty: true }) && el.getClientRects().length > 0;
    });
    const out: FocusSample[] = [];
    for (const el of tabbable.slice(0, limit)) {
      el.focus({ preventScroll: false });
      if (document.activeElement !== el) continue;
      // The ring as it settles: a colour transition (transition-colors) would be caught half-way.
      for (const animation of el.getAnimations()) animation.finish();
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      const width = parseFloat(style.outlineWidth) || 0;
      const distance = (parseFloat(style.outlineOffset) || 0) + width / 2;
      const points = [
        [rect.left - distance, rect.top + rect.height / 2],
        [rect.right + distance, rect.top + rect.height / 2],
        [rect.left + rect.width / 2, rect.top - distance],
        [rect.left + rect.width / 2, rect.bottom + distance],
      ].filter(([x, y]) => x! >= 0 && y! >= 0 && x! < innerWidth && y! < innerHeight);
      out.push({
        element: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 30)}"`,
        visible: el.matches(":focus-visible"),
        style: style.outlineStyle,
        width,
        ring: style.outlineStyle === "none" ? null : rgba(style.outlineColor),
        behind: points.flatMap(([x, y]) => behindAt(el, x!, y!)),
      });
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return out;
  }, limit);
  const failures: string[] = [];
  for (const sample of samples) {
    if (!sample.visible) failures.push(`${sample.element}: focus from the keyboard does not match :focus-visible`);
    else if (!sample.ring || sample.width < 2) failures.push(`${sample.element}: no focus ring (outline ${sample.style} ${sample.width}px)`);
    else {
      const worst = Math.min(...sample.behind.map((bg) => contrastRatio(sample.ring!, bg)));
      if (worst < 3) failures.push(`${sample.element}: ring rgb(${sample.ring.slice(0, 3).join(",")}) only ${worst.toFixed(2)}:1 against what is behind it`);
    }
  }
  expect.soft(failures, `focus rings on ${label}`).toEqual([]);
  return samples.length;
}
