import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/defaults";
import { renderResetEmail, type ResetEmailInput } from "./render-reset-email";

const HOSTILE = `<img src=x onerror="alert('1')">&`;
const base: ResetEmailInput = {
  code: "jAb6LFtn",
  validUntil: new Date("2026-03-14T09:30:00Z"),
  now: new Date("2026-03-13T10:10:00Z"),
  ticketRef: "RT-000123",
  serial: "NVR8-2411-000123",
  model: "NVR-8016",
  settings: DEFAULT_SETTINGS,
};

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe("renderResetEmail", () => {
  it("shows the code exactly once in each part, formatted, and never in the subject or preview", () => {
    const { subject, html, text } = renderResetEmail(base);
    expect(occurrences(text, "jAb6-LFtn")).toBe(1);
    expect(occurrences(html, "jAb6-LFtn")).toBe(1);
    expect(text).not.toContain("jAb6LFtn");
    expect(html).not.toContain("jAb6LFtn");
    expect(subject).not.toMatch(/jAb6/);
    expect(subject).toBe("Your security code for recorder NVR8-2411-000123 (RT-000123)");
    const preheader = /<div style="display:none[^>]*>([^<]*)<\/div>/.exec(html)?.[1];
    expect(preheader).toBeDefined();
    expect(preheader).not.toContain("jAb6");
  });

  it("states the expiry in UTC with the time left, the case rule, the steps, spam hint and ticket reference", () => {
    const { html, text } = renderResetEmail(base);
    for (const part of [html, text]) {
      expect(part).toContain("Saturday 14 March 2026, 09:30 UTC (about 23 hours from now)");
      expect(part).toContain("Letters are case-sensitive");
      expect(part).toContain("Retrieve Password screen");
      expect(part).toContain("Security Code field");
      expect(part).toContain("8 to 32 characters");
      expect(part).toContain("phone app");
      expect(part).toContain("sync the new password");
      expect(part).toContain("spam");
      expect(part).toContain("If you did not ask for this");
      expect(part).toContain("RT-000123");
      expect(part).toContain("https://support.recorders.example/");
    }
    expect(text).toContain(`none of these characters: ' " ; : &`);
    expect(html).toContain("none of these characters: &#39; &quot; ; : &amp;");
  });

  it("says plainly when the recorder's validity window has already passed by our clock", () => {
    const { text } = renderResetEmail({ ...base, now: new Date("2026-03-15T00:00:00Z") });
    expect(text).toContain("that time has passed: ask us for a new code, quoting RT-000123");
    expect(text).not.toContain("from now");
  });

  it("escapes every interpolated value in the HTML part", () => {
    const { html, text } = renderResetEmail({
      ...base,
      ticketRef: `RT-${HOSTILE}`,
      serial: HOSTILE,
      model: HOSTILE,
      settings: { brandName: HOSTILE, senderName: HOSTILE, senderEmail: HOSTILE, supportUrl: `https://x.example/?q=${HOSTILE}` },
    });
    expect(html).not.toContain("<img");
    expect(html).not.toContain(`onerror="`);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;");
    // The plain part is text, shown as is.
    expect(text).toContain(HOSTILE);
  });

  it("does not link a support URL that is not http(s)", () => {
    const { html, text } = renderResetEmail({ ...base, settings: { ...DEFAULT_SETTINGS, supportUrl: "javascript:alert(1)" } });
    expect(html).not.toContain("javascript:");
    expect(text).not.toContain("javascript:");
  });

  it("is a table-based document with inline styles and no remote resources", () => {
    const { html } = renderResetEmail(base);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(`role="presentation"`);
    expect(html).not.toMatch(/<(img|script|link|iframe)\b/i);
    expect(html).not.toMatch(/src=/i);
  });

  it("refuses a value that is not a code rather than mailing it", () => {
    expect(() => renderResetEmail({ ...base, code: "short" })).toThrow(RangeError);
  });
});
