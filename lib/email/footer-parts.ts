import { link } from "./email-blocks";
import type { EmailBranding } from "./email-branding";
import { escapeHtml } from "./escape-html";
import { safeUrl } from "./safe-url";

/** The footer both parts share: who sent it, why this address got it, the ticket, support. */
export function footerParts(options: { settings: EmailBranding; ticketRef?: string | null; reason: string }) {
  const { settings, ticketRef, reason } = options;
  const supportUrl = safeUrl(settings.supportUrl);
  const supportLinkHtml = supportUrl ? link(supportUrl, supportUrl) : null;
  const lines = [
    `Sent by ${settings.senderName}, ${settings.brandName}, because ${reason}.`,
    ticketRef ? `Reference: ${ticketRef}. Quote it when you reply or contact us.` : null,
  ].filter((line): line is string => line !== null);
  const html = [
    ...lines.map((line) => `<p style="margin:0 0 8px;">${escapeHtml(line)}</p>`),
    supportLinkHtml ? `<p style="margin:0;">Help: ${supportLinkHtml}</p>` : "",
  ].join("");
  const text = [...lines, supportUrl ? `Help: ${supportUrl}` : null].filter((line) => line !== null).join("\n");
  return { html, text, supportUrl, supportLinkHtml };
}
