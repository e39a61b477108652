// Small HTML building blocks for the email bodies. Arguments named `text` are escaped here;
// arguments named `html` must already be safe (built from these blocks or escapeHtml).
import { EMAIL_COLORS as C, EMAIL_FONT, EMAIL_MONO_FONT } from "./email-style";
import { escapeHtml } from "./escape-html";

export function heading(text: string): string {
  return `<h1 style="margin:0 0 16px;font-family:${EMAIL_FONT};font-size:22px;line-height:30px;font-weight:700;color:${C.text};">${escapeHtml(text)}</h1>`;
}

export function subheading(text: string): string {
  return `<h2 style="margin:24px 0 8px;font-family:${EMAIL_FONT};font-size:17px;line-height:24px;font-weight:700;color:${C.text};">${escapeHtml(text)}</h2>`;
}

export function paragraph(html: string, options: { muted?: boolean } = {}): string {
  const color = options.muted ? C.muted : C.text;
  return `<p style="margin:0 0 16px;font-family:${EMAIL_FONT};font-size:16px;line-height:24px;color:${color};">${html}</p>`;
}

export function strong(text: string): string {
  return `<strong style="font-weight:700;">${escapeHtml(text)}</strong>`;
}

export function link(href: string, text: string): string {
  return `<a href="${escapeHtml(href)}" style="color:${C.link};text-decoration:underline;">${escapeHtml(text)}</a>`;
}

export function orderedList(itemsHtml: readonly string[]): string {
  const items = itemsHtml.map((item) => `<li style="margin:0 0 10px;padding-left:4px;">${item}</li>`).join("");
  return `<ol style="margin:0 0 16px;padding-left:24px;font-family:${EMAIL_FONT};font-size:16px;line-height:24px;color:${C.text};">${items}</ol>`;
}

/** The code, large and monospaced, in a framed box; `label` names it for screen readers. */
export function codeBlock(options: { code: string; label: string; note: string }): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">
<tr><td align="center" style="padding:20px 12px;background-color:${C.codeBackground};border:2px solid ${C.brand};border-radius:8px;">
<p style="margin:0 0 6px;font-family:${EMAIL_FONT};font-size:13px;line-height:18px;font-weight:700;letter-spacing:1px;text-transform:uppercase;color:${C.muted};">${escapeHtml(options.label)}</p>
<p class="code" style="margin:0;font-family:${EMAIL_MONO_FONT};font-size:36px;line-height:44px;font-weight:700;letter-spacing:4px;color:${C.text};">${escapeHtml(options.code)}</p>
<p style="margin:8px 0 0;font-family:${EMAIL_FONT};font-size:14px;line-height:20px;color:${C.muted};">${escapeHtml(options.note)}</p>
</td></tr></table>`;
}

/** A bordered call-out for what must not be missed (expiry, "not you?"). */
export function notice(html: string): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">
<tr><td style="padding:12px 16px;background-color:${C.noticeBackground};border-left:4px solid ${C.noticeBorder};font-family:${EMAIL_FONT};font-size:15px;line-height:22px;color:${C.text};">${html}</td></tr></table>`;
}

/** A bulletproof button: a link styled as a button inside a table cell, which Outlook keeps. */
export function button(href: string, text: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">
<tr><td style="border-radius:6px;background-color:${C.brand};">
<a href="${escapeHtml(href)}" style="display:inline-block;padding:12px 24px;font-family:${EMAIL_FONT};font-size:16px;line-height:24px;font-weight:700;color:${C.onBrand};text-decoration:none;border-radius:6px;">${escapeHtml(text)}</a>
</td></tr></table>`;
}
