// The notice sent when a recorder's owner of record changes: the previous owner learns that reset
// codes now go elsewhere (the takeover alarm), the new owner that they come here. Pure.
import { heading, notice, paragraph, strong } from "./email-blocks";
import type { EmailBranding, RenderedEmail } from "./email-branding";
import { emailLayout } from "./email-layout";
import { escapeHtml } from "./escape-html";
import { footerParts } from "./footer-parts";
import { formatUtc } from "./format-utc";

export type OwnerChangeEmailInput = {
  audience: "PREVIOUS_OWNER" | "NEW_OWNER";
  serial: string;
  model: string | null;
  changedAt: Date;
  /** The other side's address, already masked (maskEmail). */
  otherOwnerEmailMasked: string | null;
  ticketRef: string | null;
  settings: EmailBranding;
};

export function renderOwnerChangeEmail(input: OwnerChangeEmailInput): RenderedEmail {
  const { settings, serial, ticketRef } = input;
  const recorder = input.model ? `${input.model} (serial number ${serial})` : `with serial number ${serial}`;
  const when = formatUtc(input.changedAt);
  const previous = input.audience === "PREVIOUS_OWNER";
  const other = input.otherOwnerEmailMasked ? ` (${input.otherOwnerEmailMasked})` : "";
  const subject = previous ? `Recorder ${serial} is no longer registered to you` : `Recorder ${serial} is now registered to you`;
  const title = previous ? "Your recorder has a new owner of record" : "You are now the owner of record";
  const what = previous
    ? `On ${when}, the owner of record of your recorder ${recorder} was changed to another address${other}. From now on, password reset codes for this recorder go to that address, not to you.`
    : `On ${when}, this address became the owner of record of the recorder ${recorder}${other ? `, replacing the previous address${other}` : ""}. From now on, password reset codes for this recorder come to this address.`;
  const alarm = previous
    ? "If you did not sell or give away this recorder, or did not expect this change, tell us at once"
    : "If you did not expect this, tell us";
  const alarmText = `${alarm}${ticketRef ? `, quoting ${ticketRef}` : ""}.`;
  const footer = footerParts({
    settings,
    ticketRef,
    reason: previous ? `this address was the owner of record of recorder ${serial}` : `this address is now the owner of record of recorder ${serial}`,
  });

  const html = emailLayout({
    title,
    preheader: `The owner of record of recorder ${serial} changed on ${when}.`,
    brandName: settings.brandName,
    bodyHtml: [
      heading(title),
      paragraph(escapeHtml(what)),
      notice(
        `${strong(previous ? "Not you?" : "Not expected?")} ${escapeHtml(alarmText)}${footer.supportLinkHtml ? ` Contact us: ${footer.supportLinkHtml}` : ""}`,
      ),
    ].join("\n"),
    footerHtml: footer.html,
  });
  const text = [
    settings.brandName,
    "",
    title,
    "",
    what,
    "",
    `${alarmText}${footer.supportUrl ? ` Contact us: ${footer.supportUrl}` : ""}`,
    "",
    "-- ",
    footer.text,
    "",
  ].join("\n");
  return { subject, html, text };
}
