// RFC 3834 and loop prevention, written once: whether a received message may open a ticket, and
// whether it may be answered automatically. Pure, so every source (SMTP, IMAP) and the tests
// use the same rule.

export type InboundHeaders = Readonly<Record<string, string>>;

const SYSTEM_SENDER = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)([+-].*)?@/i;

/** Mail sent by a machine: it never opens a ticket (RFC 3834 §2, bounces, our own mail coming back). */
export function automatedReason(
  message: { from: string | null; headers: InboundHeaders; isReport: boolean },
  ownAddresses: readonly string[] = [],
): string | null {
  const auto = (message.headers["auto-submitted"] ?? "").trim().toLowerCase();
  if (auto && !auto.startsWith("no")) return `Auto-Submitted: ${auto.split(";")[0]}`;
  if (message.isReport) return "a delivery report";
  if (!message.from) return "no sender address";
  if (/^(mailer-daemon|postmaster)@/i.test(message.from)) return "a mail system (mailer-daemon)";
  if (ownAddresses.some((own) => own.toLowerCase() === message.from!.toLowerCase())) return "our own address (a loop)";
  if (message.headers["x-reset-console"]) return "our own message (a loop)";
  return null;
}

/**
 * Whether an automatic answer may be sent (RFC 3834 §2): never to automated mail, to
 * Precedence bulk/list/junk, to list mail (List-*), or to no-reply and mailer-daemon senders.
 */
export function autoReplyRefusal(
  message: { from: string | null; headers: InboundHeaders; isReport: boolean },
  ownAddresses: readonly string[] = [],
): string | null {
  const automated = automatedReason(message, ownAddresses);
  if (automated) return automated;
  const precedence = (message.headers["precedence"] ?? "").trim().toLowerCase();
  if (["bulk", "list", "junk"].includes(precedence)) return `Precedence: ${precedence}`;
  const list = Object.keys(message.headers).find((name) => name.startsWith("list-"));
  if (list) return `a list message (${list})`;
  if (message.from && SYSTEM_SENDER.test(message.from)) return "a no-reply sender";
  if (message.headers["x-auto-response-suppress"]) return "X-Auto-Response-Suppress";
  return null;
}
