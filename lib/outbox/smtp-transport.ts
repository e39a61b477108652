import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { env, type Env } from "@/lib/env";

export type SmtpTransport = Transporter<SMTPPool.SentMessageInfo, SMTPPool.Options>;

/**
 * Timeouts for one send, well under the claim lease (OUTBOX_LEASE_MS, 5 min): a send that hangs
 * gives up long before another worker may take the row over.
 */
export const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 } as const;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** Connections the pool keeps open to the relay. */
const SMTP_MAX_CONNECTIONS = 2;

/**
 * Pooled nodemailer options from SMTP_URL: smtp://[user:pass@]host:port or smtps:// for implicit
 * TLS. STARTTLS is required by default (a downgrade would expose reset codes), except to a relay
 * on loopback; query flags: requireTLS=false (allow plain text), ignoreTLS=true (never upgrade),
 * rejectUnauthorized=false (a relay with a self-signed certificate, internal only).
 */
export function smtpTransportOptions(smtpUrl: string): SMTPPool.Options {
  const url = new URL(smtpUrl);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error("SMTP_URL must start with smtp:// or smtps://");
  const secure = url.protocol === "smtps:";
  const flag = (name: string) => (url.searchParams.get(name) ?? url.searchParams.get(name.toLowerCase()))?.toLowerCase();
  const ignoreTls = flag("ignoreTLS") === "true";
  return {
    pool: true,
    maxConnections: SMTP_MAX_CONNECTIONS,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    requireTLS: !secure && !ignoreTls && !LOOPBACK.test(url.hostname) && flag("requireTLS") !== "false",
    ignoreTLS: ignoreTls,
    tls: flag("rejectUnauthorized") === "false" || flag("rejectunauthorized") === "false" ? { rejectUnauthorized: false } : undefined,
    ...SMTP_TIMEOUTS_MS,
  };
}

export function createSmtpTransport(smtpUrl: string): SmtpTransport {
  return nodemailer.createTransport(smtpTransportOptions(smtpUrl));
}

// One pool per process (per URL), kept on globalThis so Next's dev reloads do not leak pools.
const holder = globalThis as unknown as { __outboxSmtp?: { url: string; transport: SmtpTransport } };

/** The process's pooled transport for SMTP_URL, created on first use; null when none is configured. */
export function smtpTransport(config: Pick<Env, "SMTP_URL"> = env()): SmtpTransport | null {
  const url = config.SMTP_URL;
  if (!url) return null;
  if (holder.__outboxSmtp?.url !== url) {
    holder.__outboxSmtp?.transport.close();
    holder.__outboxSmtp = { url, transport: createSmtpTransport(url) };
  }
  return holder.__outboxSmtp.transport;
}

/** Closes the process's pool (the worker process on shutdown). */
export function closeSmtpTransport(): void {
  holder.__outboxSmtp?.transport.close();
  holder.__outboxSmtp = undefined;
}
