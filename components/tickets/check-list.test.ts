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

// [order, reason codes in the order shown]
const ROWS: [("as-run" | "flagged-first") | undefined, string[]][] = [
  [undefined, ["TAG_VALID", "REQUESTER_EMAIL_DIFFERS", "DEVICE_STOLEN", "CLOCK_AHEAD"]],
  ["as-run", ["TAG_VALID", "REQUESTER_EMAIL_DIFFERS", "DEVICE_STOLEN", "CLOCK_AHEAD"]],
  ["flagged-first", ["DEVICE_STOLEN", "REQUESTER_EMAIL_DIFFERS", "CLOCK_AHEAD", "TAG_VALID"]],
];

describe("CheckList", () => {
  it.each(ROWS)("order %s", (order, codes) => {
    expect(codesShown(renderToStaticMarkup(createElement(CheckList, { checks: CHECKS, order })))).toEqual(codes);
  });

  it("says each outcome in words for screen readers, and says when there are no checks", () => {
    const html = renderToStaticMarkup(createElement(CheckList, { checks: CHECKS }));
    expect(html).toContain('aria-label="Checks"');
    expect(html).toMatch(/Device <span class="sr-only">: Fail<\/span>/);
    expect(html).toMatch(/Requester <span class="sr-only">: Needs review<\/span>/);
    expect(renderToStaticMarkup(createElement(CheckList, { checks: [] }))).toContain("No checks were recorded.");
  });
});
