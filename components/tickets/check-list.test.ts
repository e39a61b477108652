import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "@/lib/tickets/checks/types";
import { CheckList } from "./check-list";

const CHECKS: CheckResult[] = [
  { check: "challenge", id: "TAG_VALID", outcome: "pass", label: "Signature", reason: "Signed by the recorder." },
  { check: "requester", id: "REQUESTER_EMAIL_DIFFERS", outcome: "review", label: "Requester", reason: "Another address." },
  { check: "device", id: "DEVICE_STOLEN", outcome: "refuse", label: "Device", reason: "Reported stolen." },
  { check: "clock", id: "CLOCK_AHEAD", outcome: "review", label: "Clock", reason: "2 h ahead." },
];

const codesShown = (html: string) => [...html.matchAll(/<code[^>]*>([A-Z_]+)<\/code>/g)].map((m) => m[1]);

describe("CheckList", () => {
  it("shows failures first, then what a supervisor weighs, and folds the passed checks away", () => {
    const html = renderToStaticMarkup(createElement(CheckList, { checks: CHECKS }));
    expect(codesShown(html)).toEqual(["DEVICE_STOLEN", "REQUESTER_EMAIL_DIFFERS", "CLOCK_AHEAD", "TAG_VALID"]);
    const folded = html.slice(html.indexOf("<details"));
    expect(codesShown(folded)).toEqual(["TAG_VALID"]);
    expect(folded).toContain("1 more checks passed");
  });

  it("on a clean ticket shows one line for all checks, and no empty list of problems", () => {
    const clean = CHECKS.map((c) => ({ ...c, outcome: "pass" as const }));
    const html = renderToStaticMarkup(createElement(CheckList, { checks: clean }));
    expect(html).toContain("All 4 checks passed");
    expect(html).not.toContain('aria-label="Checks"');
  });

  it("says each outcome in words for screen readers, and says when there are no checks", () => {
    const html = renderToStaticMarkup(createElement(CheckList, { checks: CHECKS }));
    expect(html).toContain('aria-label="Checks"');
    expect(html).toMatch(/Device <span class="sr-only">: Fail<\/span>/);
    expect(html).toMatch(/Requester <span class="sr-only">: Needs review<\/span>/);
    expect(renderToStaticMarkup(createElement(CheckList, { checks: [] }))).toContain("No checks were recorded.");
  });
});
