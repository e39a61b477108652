import { mailboxEnabled } from "@/lib/demo-mode";
import { smtpTransport, type SmtpTransport } from "./smtp-transport";

/**
 * Where mail goes: an SMTP relay (SMTP_URL); the DevMail table in demo mode without SMTP (the
 * dev mailbox page); or nowhere yet, in which case rows wait in the outbox until SMTP is set.
 */
export type MailSink = { kind: "smtp"; transport: SmtpTransport } | { kind: "devmail" } | { kind: "none" };

export function mailSink(env: NodeJS.ProcessEnv = process.env): MailSink {
  const transport = smtpTransport(env);
  if (transport) return { kind: "smtp", transport };
  return mailboxEnabled(env) ? { kind: "devmail" } : { kind: "none" };
}
