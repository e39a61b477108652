import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/defaults";
import { renderEmail } from "./render";
import { resetCodeEmail, type ResetEmailInput } from "./templates/reset-code-email";

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

const renderResetEmail = (input: ResetEmailInput) => renderEmail(resetCodeEmail, input);

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

describe("the reset code email", () => {
  it("shows the code exactly once in each part, formatted, and never in the subject or preview", async () => {
    const { subject, html, text } = await renderResetEmail(base);
    expect(occurrences(text, "jAb6-LFtn")).toBe(1);
    expect(occurrences(html, "jAb6-LFtn")).toBe(1);
    // In the plain part, on a line of its own, indented (what readers and the outbox tests look for).
    expect(text).toMatch(/^ {4}jAb6-LFtn$/m);
    expect(text).not.toContain("jAb6LFtn");
    expect(html).not.toContain("jAb6LFtn");
    expect(subject).not.toMatch(/jAb6/);
    expect(subject).toBe("Your security code for recorder NVR8-2411-000123 (RT-000123)");
    const preheader = /<div style="display:none[^>]*>([^<]*)</.exec(html)?.[1];
    expect(preheader).toBe("Type it on the recorder&#x27;s Retrieve Password screen. Valid until Saturday 14 March 2026, 09:30 UTC.");
    expect(preheader).not.toContain("jAb6");
    // The preview line is for the inbox list only; the plain part does not repeat it.
    expect(text).not.toContain("Type it on the recorder's Retrieve Password screen");
  });

  it("states the expiry in UTC with the time left, the case rule, the steps, spam hint and ticket reference", async () => {
    const { html, text } = await renderResetEmail(base);
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
    expect(html).toContain("none of these characters: &#x27; &quot; ; : &amp;");
  });

  it("numbers the steps in the plain part and ends it with the footer after a signature delimiter", async () => {
    const { text } = await renderResetEmail(base);
    expect(text).toMatch(/^ ?1\. Stay on the Retrieve Password screen/m);
    expect(text).toMatch(/^ ?6\. In the phone app, remove the recorder/m);
    const [body, footer] = text.split("\n-- \n");
    expect(body).toContain("jAb6-LFtn");
    expect(footer).toContain("Sent by SecureView Support, SecureView Recorders, because you are the owner of record of recorder NVR8-2411-000123.");
    expect(footer).toContain("Reference: RT-000123. Quote it when you reply or contact us.");
    expect(footer).not.toContain("jAb6");
    expect(text).not.toMatch(/\n{3}/);
  });

  it("says plainly when the recorder's validity window has already passed by our clock", async () => {
    const { text } = await renderResetEmail({ ...base, now: new Date("2026-03-15T00:00:00Z") });
    expect(text).toContain("that time has passed: ask us for a new code, quoting RT-000123");
    expect(text).not.toContain("from now");
  });

  it("escapes every interpolated value in the HTML part", async () => {
    const { html, text } = await renderResetEmail({
      ...base,
      ticketRef: `RT-${HOSTILE}`,
      serial: HOSTILE,
      model: HOSTILE,
      settings: { brandName: HOSTILE, senderName: HOSTILE, senderEmail: HOSTILE, supportUrl: `https://x.example/?q=${HOSTILE}` },
    });
    expect(html).not.toContain("<img");
    expect(html).not.toContain(`onerror="`);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(&#x27;1&#x27;)&quot;&gt;&amp;");
    // The plain part is text, shown as is.
    expect(text).toContain(HOSTILE);
  });

  it("does not link a support URL that is not http(s)", async () => {
    const { html, text } = await renderResetEmail({ ...base, settings: { ...DEFAULT_SETTINGS, supportUrl: "javascript:alert(1)" } });
    expect(html).not.toContain("javascript:");
    expect(text).not.toContain("javascript:");
  });

  it("is a table-based document with inline styles and no remote resources", async () => {
    const { html } = await renderResetEmail(base);
    expect(html).toMatch(/^<!DOCTYPE html\b/);
    expect(html).toContain(`role="presentation"`);
    expect(html).toContain(`<html dir="ltr" lang="en">`);
    expect(html).not.toMatch(/<(img|script|link|iframe)\b/i);
    expect(html).not.toMatch(/src=/i);
  });

  it("refuses a value that is not a code rather than mailing it", async () => {
    await expect(renderResetEmail({ ...base, code: "short" })).rejects.toThrow(RangeError);
  });
});
