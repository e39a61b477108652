// The email that carries a security code to the owner of record. Pure: no I/O, no clock of its
// own, so it is unit-tested for escaping and content. The code is the only secret it is given.
import { formatCode, PASSWORD_FORBIDDEN_CHARACTERS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/reset-protocol";
import { codeBlock, heading, notice, orderedList, paragraph, strong, subheading } from "./email-blocks";
import type { EmailBranding, RenderedEmail } from "./email-branding";
import { emailLayout } from "./email-layout";
import { escapeHtml } from "./escape-html";
import { footerParts } from "./footer-parts";
import { describeTimeLeft, formatUtc } from "./format-utc";

export type ResetEmailInput = {
  /** The 8-character code, without the display hyphen. */
  code: string;
  /** When the recorder stops accepting it: the challenge's recorder time `t` + 24 h. */
  validUntil: Date;
  now: Date;
  /** "RT-000123". */
  ticketRef: string;
  serial: string;
  model: string;
  settings: EmailBranding;
};

const CASE_NOTE = "Letters are case-sensitive: type them exactly as shown.";

export function renderResetEmail(input: ResetEmailInput): RenderedEmail {
  const { settings, serial, model, ticketRef } = input;
  const code = formatCode(input.code);
  const until = formatUtc(input.validUntil);
  const left = describeTimeLeft(input.validUntil, input.now);
  const forbidden = PASSWORD_FORBIDDEN_CHARACTERS.join(" ");
  const footer = footerParts({ settings, ticketRef, reason: `you are the owner of record of recorder ${serial}` });

  const validity = left
    ? `Valid until ${until} (${left}), by the recorder's own clock.`
    : `Valid until ${until}, by the recorder's own clock. If the recorder's clock is right, that time has passed: ask us for a new code, quoting ${ticketRef}.`;
  const steps = [
    "Stay on the Retrieve Password screen that shows the QR code. If you leave it or the recorder restarts, this code stops working and you will need a new one.",
    "Type the code into the Security Code field.",
    `Choose a new password of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters with both letters and digits, and none of these characters: ${forbidden}`,
    "When the recorder offers to sync the new password to its cameras, accept, so the cameras stay connected.",
    "The recorder restarts to apply the new password. If it does not restart by itself, restart it.",
    "In the phone app, remove the recorder and add it again with the new password.",
  ];
  const spam = `If a message from us ever seems not to arrive, check your spam or junk folder, and add ${settings.senderEmail} to your contacts.`;
  const notYou = `If you did not ask for this, tell us at once, quoting ${ticketRef}: someone may be trying to take over your recorder. Never share this code: our staff will never ask you for it.`;

  const subject = `Your security code for recorder ${serial} (${ticketRef})`;
  const title = `Security code for recorder ${model}`;
  const bodyHtml = [
    heading(title),
    paragraph(
      `You asked ${escapeHtml(settings.brandName)} support to reset the admin password of your recorder ${strong(model)}, serial number ${strong(serial)}. Type this code on the recorder to choose a new password.`,
    ),
    codeBlock({ code, label: "Security code", note: CASE_NOTE }),
    notice(escapeHtml(validity)),
    subheading("What to do"),
    orderedList(steps.map(escapeHtml)),
    paragraph(escapeHtml(spam), { muted: true }),
    notice(`${strong("Did not ask for this?")} ${escapeHtml(notYou)}${footer.supportLinkHtml ? ` Contact us: ${footer.supportLinkHtml}` : ""}`),
  ].join("\n");
  const html = emailLayout({
    title,
    preheader: `Type it on the recorder's Retrieve Password screen. Valid until ${until}.`,
    brandName: settings.brandName,
    bodyHtml,
    footerHtml: footer.html,
  });

  const text = [
    settings.brandName,
    "",
    title,
    "",
    `You asked ${settings.brandName} support to reset the admin password of your recorder ${model}, serial number ${serial}. Type this code on the recorder to choose a new password.`,
    "",
    "Security code:",
    "",
    `    ${code}`,
    "",
    CASE_NOTE,
    "",
    validity,
    "",
    "What to do",
    ...steps.map((step, index) => `${index + 1}. ${step}`),
    "",
    spam,
    "",
    `Did not ask for this? ${notYou}${footer.supportUrl ? ` Contact us: ${footer.supportUrl}` : ""}`,
    "",
    "-- ",
    footer.text,
    "",
  ].join("\n");
  return { subject, html, text };
}
