// What every message shares, checked on all three: values are escaped in the HTML and readable in
// the plain part, and the plain part carries every sentence the HTML shows.
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/defaults";
import type { EmailBranding } from "./email-branding";
import { renderEmail } from "./render";
import { invitationEmail } from "./templates/invitation-email";
import { ownerChangeEmail } from "./templates/owner-change-email";
import { resetCodeEmail } from "./templates/reset-code-email";

const NASTY = `<script>alert("O'Neil & co")</script>`;
const NASTY_ESCAPED = "&lt;script&gt;alert(&quot;O&#x27;Neil &amp; co&quot;)&lt;/script&gt;";
const settings = (brandName = DEFAULT_SETTINGS.brandName): EmailBranding => ({ ...DEFAULT_SETTINGS, brandName });

const messages = (value: string) => ({
  reset: () =>
    renderEmail(resetCodeEmail, {
      code: "jAb6LFtn",
      validUntil: new Date("2026-03-14T09:30:00Z"),
      now: new Date("2026-03-13T10:10:00Z"),
      ticketRef: "RT-000123",
      serial: value,
      model: value,
      settings: settings(value),
    }),
  invitation: () =>
    renderEmail(invitationEmail, {
      name: value,
      role: "SUPERVISOR",
      link: "https://console.example/invite/abc?token=t0k",
      expiresAt: new Date("2026-03-16T09:30:00Z"),
      now: new Date("2026-03-14T09:30:00Z"),
      settings: settings(value),
    }),
  ownerChange: () =>
    renderEmail(ownerChangeEmail, {
      audience: "NEW_OWNER",
      serial: value,
      model: value,
      changedAt: new Date("2026-03-14T09:30:00Z"),
      otherOwnerEmailMasked: "o***d@example.com",
      ticketRef: "RT-000042",
      settings: settings(value),
    }),
});

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&amp;": "&" };

/** The text of each paragraph, heading and list item the HTML part shows, as a reader sees it. */
function visibleSentences(html: string): string[] {
  const blocks = [...html.matchAll(/<(p|h1|h2|li)\b([^>]*)>([\s\S]*?)<\/\1>/g)].filter(([, , attributes]) => !attributes?.includes("data-skip-in-text"));
  return blocks.map(([, , , inner]) =>
    (inner ?? "")
      .replace(/<br\/?>/g, " ")
      .replace(/<[^>]+>/g, "")
      .replace(/&(lt|gt|quot|#x27|amp);/g, (entity) => ENTITIES[entity] ?? entity)
      .replace(/\s+/g, " ")
      .trim(),
  );
}

describe.each(Object.entries(messages(NASTY)))("the %s email", (_name, render) => {
  it("escapes a name, serial or brand with markup, ampersands and quotes in the HTML and shows it as written in the text", async () => {
    const { subject, html, text } = await render();
    expect(html).not.toContain("<script");
    expect(html).toContain(NASTY_ESCAPED);
    expect(text).toContain(NASTY);
    // The subject is a header, not HTML: the value as written, never entity-escaped.
    expect(subject).toContain(NASTY);
  });
});

describe.each(Object.entries(messages("NVR8-2411-000123")))("the %s email's two parts", (_name, render) => {
  it("say the same: every sentence of the HTML is in the plain part", async () => {
    const { html, text } = await render();
    const sentences = visibleSentences(html);
    expect(sentences.length).toBeGreaterThan(4);
    const flatText = text.replace(/\s+/g, " ");
    for (const sentence of sentences) expect(flatText).toContain(sentence);
  });
});
