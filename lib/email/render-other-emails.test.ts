import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/defaults";
import { renderEmail } from "./render";
import { invitationEmail, type InvitationEmailInput } from "./templates/invitation-email";
import { ownerChangeEmail, type OwnerChangeEmailInput } from "./templates/owner-change-email";

const HOSTILE = `<script>alert("x")</script>`;

describe("the owner-change notice", () => {
  const base: OwnerChangeEmailInput = {
    audience: "PREVIOUS_OWNER",
    serial: "NVR8-2411-000123",
    model: "NVR-8016",
    changedAt: new Date("2026-03-14T09:30:00Z"),
    otherOwnerEmailMasked: "n***w@example.com",
    ticketRef: "RT-000042",
    settings: DEFAULT_SETTINGS,
  };
  const renderOwnerChangeEmail = (input: OwnerChangeEmailInput) => renderEmail(ownerChangeEmail, input);

  it("tells the previous owner where codes go now and how to raise the alarm", async () => {
    const { subject, html, text } = await renderOwnerChangeEmail(base);
    expect(subject).toBe("Recorder NVR8-2411-000123 is no longer registered to you");
    for (const part of [html, text]) {
      expect(part).toContain("Saturday 14 March 2026, 09:30 UTC");
      expect(part).toContain("n***w@example.com");
      expect(part).toContain("tell us at once, quoting RT-000042");
    }
  });

  it("welcomes the new owner", async () => {
    const { subject, text } = await renderOwnerChangeEmail({ ...base, audience: "NEW_OWNER", otherOwnerEmailMasked: null, ticketRef: null });
    expect(subject).toBe("Recorder NVR8-2411-000123 is now registered to you");
    expect(text).toContain("this address became the owner of record");
    expect(text).not.toContain("RT-");
  });

  it("escapes every interpolated value", async () => {
    const { html } = await renderOwnerChangeEmail({
      ...base,
      serial: HOSTILE,
      model: HOSTILE,
      otherOwnerEmailMasked: HOSTILE,
      ticketRef: HOSTILE,
      settings: { ...DEFAULT_SETTINGS, brandName: HOSTILE, senderName: HOSTILE },
    });
    expect(html).not.toContain("<script");
  });
});

describe("the invitation", () => {
  const base: InvitationEmailInput = {
    name: "Nia New",
    role: "AGENT",
    link: "https://console.example/invite/abc?token=t0k",
    expiresAt: new Date("2026-03-16T09:30:00Z"),
    now: new Date("2026-03-14T09:30:00Z"),
    settings: DEFAULT_SETTINGS,
  };
  const renderInvitationEmail = (input: InvitationEmailInput) => renderEmail(invitationEmail, input);

  it("carries the link in both parts with its expiry", async () => {
    const { subject, html, text } = await renderInvitationEmail(base);
    expect(subject).toContain("Set your password");
    expect(text).toContain(base.link);
    expect(html).toContain(`href="${base.link}"`);
    expect(text).toContain("as an agent");
    expect(text).toContain("until Monday 16 March 2026, 09:30 UTC (about 48 hours from now)");
    // The button's address, once, delimited so mail programs link all of it.
    expect(text).toContain(`Set your password <${base.link}>`);
    expect(text.split(base.link)).toHaveLength(2);
  });

  it("escapes the name and the link", async () => {
    const { html } = await renderInvitationEmail({ ...base, name: HOSTILE, link: `https://x.example/?a="><script>` });
    expect(html).not.toContain("<script");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
  });
});
