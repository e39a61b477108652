import "server-only";
import { getDb } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { demoMode } from "@/lib/demo-mode";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { runImapPoller } from "./imap-poller";
import { startSmtpListener, type SmtpListener } from "./smtp-listener";

/** The demo's SMTP listener port when INBOUND_SMTP_PORT is unset. */
export const DEMO_SMTP_PORT = 2525;

const holder = globalThis as unknown as { __inbound?: { controller: AbortController; smtp: Promise<SmtpListener | null> } };

/**
 * Starts the inbound sources configured for this process, once: the SMTP listener
 * (INBOUND_SMTP_PORT; in demo mode 127.0.0.1:2525 unless set, and what it receives also shows in
 * the dev mailbox) and the IMAP poller (INBOUND_IMAP_URL; one instance polls at a time). Called
 * where the outbox worker starts: in the app (instrumentation) or in `npm run outbox:worker`.
 */
export function startInbound(): { controller: AbortController; smtp: Promise<SmtpListener | null> } {
  if (holder.__inbound) return holder.__inbound;
  const config = env();
  const log = logger({ component: "inbound" });
  const controller = new AbortController();
  const demo = demoMode(config);
  const port = config.INBOUND_SMTP_PORT ?? (demo ? DEMO_SMTP_PORT : undefined);
  const smtp =
    port === undefined
      ? Promise.resolve(null)
      : startSmtpListener({
          db: getDb,
          port,
          host: config.INBOUND_SMTP_HOST ?? "127.0.0.1",
          onMessage: demo
            ? async (_raw, result) => {
                const row = await getDb().inboundMessage.findUnique({
                  where: { messageId: result.messageId },
                  select: { fromAddress: true, subject: true, text: true },
                });
                if (!row || result.outcome === "DUPLICATE") return;
                await getDb().devMail.create({
                  data: { kind: "INBOUND", to: "inbound", from: row.fromAddress, subject: row.subject || "(no subject)", text: row.text, html: "" },
                });
              }
            : undefined,
        }).catch((error: unknown) => {
          log.error({ err: error, port }, "inbound smtp: cannot listen; inbound email over SMTP is off");
          return null;
        });
  if (config.INBOUND_IMAP_URL) {
    const database = databaseConfig(config);
    void runImapPoller({
      db: getDb(),
      url: config.INBOUND_IMAP_URL,
      databaseUrl: database.engine === "postgresql" ? database.url : null,
      signal: controller.signal,
    }).catch((error: unknown) => log.error({ err: error }, "inbound imap: stopped"));
  }
  controller.signal.addEventListener("abort", () => void smtp.then((s) => s?.close()));
  holder.__inbound = { controller, smtp };
  return holder.__inbound;
}
