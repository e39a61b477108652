import { createHash } from "node:crypto";
import { simpleParser, type AddressObject } from "mailparser";
import { trustedAuthResults } from "./zero-touch-rules";

/** An image found in a message (an attachment or an inline part). */
export type InboundImage = { bytes: Uint8Array; contentType: string; filename: string | null };

/** What the pipeline keeps of a message: text only (HTML is turned into text, never kept). */
export type ParsedInbound = {
  messageId: string;
  from: { address: string; name: string | null } | null;
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  authResults: string[];
  /** Lower-cased header names → their first value as text, for the RFC 3834 rules. */
  headers: Record<string, string>;
  /** multipart/report (a delivery status notification). */
  isReport: boolean;
  images: InboundImage[];
  /** Image parts beyond the limit, not decoded. */
  imagesDropped: number;
};

/** Photos, and PDFs (a scan or "photo → PDF": the decoder reads the photo on the first page). */
const IMAGE_TYPE = /^(image\/(jpeg|jpg|pjpeg|png|webp|heic|heif|gif|avif|tiff|bmp)|application\/pdf)$/i;
const IMAGE_NAME = /\.(jpe?g|png|webp|heic|heif|gif|avif|tiff?|bmp|pdf)$/i;
const MAX_TEXT = 20_000;

function firstAddress(from: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  const list = Array.isArray(from) ? from.flatMap((f) => f.value) : (from?.value ?? []);
  const first = list.find((a) => a.address && a.address.includes("@"));
  return first?.address ? { address: first.address.trim().toLowerCase(), name: first.name?.trim() || null } : null;
}

const idList = (value: string | string[] | undefined): string[] =>
  (value == null ? [] : Array.isArray(value) ? value : value.split(/\s+/)).filter((v) => v.length > 2);

/**
 * Parses one raw message with mailparser. A message without a Message-ID gets one from the hash
 * of its bytes, so the same bytes delivered twice are still recognised. HTML parts are reduced
 * to text (mailparser's html-to-text, links kept as text): nothing of the HTML is rendered.
 */
export async function parseInbound(raw: Uint8Array, limits: { maxImages: number; trustedAuthServIds: readonly string[] }): Promise<ParsedInbound> {
  const mail = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), { skipImageLinks: true, skipTextToHtml: true });
  // Header values as sent (unfolded), not mailparser's structured forms (it turns List-* into one `list` object).
  const headers: Record<string, string> = {};
  const authResults: string[] = [];
  for (const line of mail.headerLines) {
    const value = line.line
      .slice(line.line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim()
      .slice(0, 2_000);
    const key = line.key.toLowerCase();
    headers[key] ??= value;
    // Only our own receiving servers' verdicts: any other such header is the sender's to write.
    if (key === "authentication-results" && trustedAuthResults([value], limits.trustedAuthServIds).length) authResults.push(value);
  }
  const hrefs = mail.html ? [...mail.html.matchAll(/href\s*=\s*["']([^"']{1,2000})["']/gi)].map((m) => m[1]!.replace(/&amp;/g, "&")) : [];
  const text = [mail.text ?? (typeof mail.html === "string" ? mail.html.replace(/<[^>]*>/g, " ") : ""), ...hrefs].join("\n").slice(0, MAX_TEXT);
  const images: InboundImage[] = [];
  let imagesDropped = 0;
  // Photos before PDFs: an invoice attached first must not push the photo past `maxImages`.
  const isPdf = (part: (typeof mail.attachments)[number]) => /pdf$/i.test(part.contentType) || /\.pdf$/i.test(part.filename ?? "");
  for (const part of [...mail.attachments.filter((p) => !isPdf(p)), ...mail.attachments.filter(isPdf)]) {
    if (!IMAGE_TYPE.test(part.contentType) && !(part.contentType === "application/octet-stream" && IMAGE_NAME.test(part.filename ?? ""))) continue;
    if (images.length >= limits.maxImages) {
      imagesDropped++;
      continue;
    }
    images.push({ bytes: new Uint8Array(part.content), contentType: part.contentType.toLowerCase(), filename: part.filename ?? null });
  }
  const messageId = mail.messageId?.trim() || `<sha256.${createHash("sha256").update(raw).digest("hex")}@inbound.invalid>`;
  return {
    messageId: messageId.slice(0, 998),
    from: firstAddress(mail.from),
    subject: (mail.subject ?? "").slice(0, 500),
    text,
    inReplyTo: mail.inReplyTo?.trim() || null,
    references: idList(mail.references).slice(0, 50),
    authResults,
    headers,
    isReport: /^multipart\/report/i.test(headers["content-type"] ?? ""),
    images,
    imagesDropped,
  };
}
