import { env, type Env } from "@/lib/env";
import type { EmailBranding } from "./email-branding";

export type MailAddress = { name: string; address: string };

const NAMED_ADDRESS = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/;
const BARE_ADDRESS = /^\s*([^<>\s"]+@[^<>\s"]+)\s*$/;

/**
 * The From of every message: MAIL_FROM ("Name <address>" or a bare address) when set, since the
 * relay may only accept its own domain; otherwise the sender name and address from the settings.
 */
export function mailFrom(options: { settings: EmailBranding; env?: Pick<Env, "MAIL_FROM"> }): MailAddress {
  const configured = (options.env ?? env()).MAIL_FROM?.trim();
  if (configured) {
    const named = NAMED_ADDRESS.exec(configured);
    if (named?.[2]) return { name: named[1]?.trim() || options.settings.senderName, address: named[2] };
    const bare = BARE_ADDRESS.exec(configured);
    if (bare?.[1]) return { name: options.settings.senderName, address: bare[1] };
  }
  return { name: options.settings.senderName, address: options.settings.senderEmail };
}

/** `"Name" <address>` for storing and showing; quotes and backslashes in the name are escaped. */
export function formatMailAddress(from: MailAddress): string {
  return `"${from.name.replace(/["\\]/g, "\\$&")}" <${from.address}>`;
}
