// The invitation to the console: a set-password link for a new staff account. Pure; the link
// (which carries a token) is derived by the caller at send time and never stored.
import { button, heading, paragraph, strong } from "./email-blocks";
import type { EmailBranding, RenderedEmail } from "./email-branding";
import { emailLayout } from "./email-layout";
import { escapeHtml } from "./escape-html";
import { footerParts } from "./footer-parts";
import { describeTimeLeft, formatUtc } from "./format-utc";

export type InvitationEmailInput = {
  name: string;
  role: string;
  link: string;
  expiresAt: Date;
  now: Date;
  settings: EmailBranding;
};

export function renderInvitationEmail(input: InvitationEmailInput): RenderedEmail {
  const { settings } = input;
  const role = input.role.toLowerCase();
  const until = formatUtc(input.expiresAt);
  const left = describeTimeLeft(input.expiresAt, input.now);
  const title = `Set your password for the ${settings.brandName} reset console`;
  const intro = `Hello ${input.name}, you have been invited to the ${settings.brandName} password reset console as ${role === "admin" || role === "agent" ? "an" : "a"} ${role}.`;
  const expiry = `The link works once, until ${until}${left ? ` (${left})` : ""}.`;
  const notYou = "If you did not expect this invitation, ignore this message: no account is usable until a password is set.";
  const footer = footerParts({ settings, reason: "an administrator invited this address" });
  const html = emailLayout({
    title,
    preheader: expiry,
    brandName: settings.brandName,
    bodyHtml: [
      heading(title),
      paragraph(escapeHtml(intro)),
      paragraph(`Choose your password to finish setting up the account. ${strong(expiry)}`),
      button(input.link, "Set your password"),
      paragraph(`If the button does not work, copy this address into your browser:<br><span style="word-break:break-all;">${escapeHtml(input.link)}</span>`, {
        muted: true,
      }),
      paragraph(escapeHtml(notYou), { muted: true }),
    ].join("\n"),
    footerHtml: footer.html,
  });
  const text = [
    settings.brandName,
    "",
    title,
    "",
    intro,
    "",
    "Choose your password to finish setting up the account:",
    "",
    input.link,
    "",
    expiry,
    "",
    notYou,
    "",
    "-- ",
    footer.text,
    "",
  ].join("\n");
  return { subject: title, html, text };
}
