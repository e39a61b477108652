import { mailboxEnabled } from "@/lib/demo-mode";
import { env, type Env } from "@/lib/env";
import { smtpTransport, type SmtpTransport } from "./smtp-transport";

/**
 * Where mail goes: an SMTP relay (SMTP_URL); the DevMail table in demo mode without SMTP (the
 * dev mailbox page); or nowhere yet, in which case rows wait in the outbox until SMTP is set.
 */
export type MailSink = { kind: "smtp"; transport: SmtpTransport } | { kind: "devmail" } | { kind: "none" };

export function mailSink(config: Pick<Env, "SMTP_URL" | "DEMO_MODE"> = env()): MailSink {
  const transport = smtpTransport(config);
  if (transport) return { kind: "smtp", transport };
  return mailboxEnabled(config) ? { kind: "devmail" } : { kind: "none" };
}
