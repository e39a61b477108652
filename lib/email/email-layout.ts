import { EMAIL_COLORS as C, EMAIL_FONT } from "./email-style";
import { escapeHtml } from "./escape-html";

/**
 * The frame every message shares: a 600px card that becomes full width on phones, a brand bar,
 * the body and a footer. `preheader` is the preview line inboxes show next to the subject.
 * `bodyHtml` and `footerHtml` must already be safe HTML.
 */
export function emailLayout(options: { title: string; preheader: string; brandName: string; bodyHtml: string; footerHtml: string }): string {
  return `<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${escapeHtml(options.title)}</title>
<style>
@media only screen and (max-width: 620px) {
  .container { width: 100% !important; }
  .gutter { padding-left: 20px !important; padding-right: 20px !important; }
  .code { font-size: 30px !important; letter-spacing: 2px !important; }
}
</style>
</head>
<body style="margin:0;padding:0;background-color:${C.page};">
<div style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;" aria-hidden="true">${escapeHtml(options.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${C.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background-color:${C.card};border:1px solid ${C.border};border-radius:8px;">
<tr><td class="gutter" style="padding:20px 32px;background-color:${C.brand};border-radius:8px 8px 0 0;font-family:${EMAIL_FONT};font-size:18px;line-height:24px;font-weight:700;color:${C.onBrand};">${escapeHtml(options.brandName)}</td></tr>
<tr><td class="gutter" style="padding:32px 32px 16px;">${options.bodyHtml}</td></tr>
<tr><td class="gutter" style="padding:20px 32px;border-top:1px solid ${C.border};font-family:${EMAIL_FONT};font-size:13px;line-height:20px;color:${C.muted};">${options.footerHtml}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
