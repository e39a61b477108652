import "server-only";
import { ImapFlow } from "imapflow";
import pg from "pg";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { DecodePool } from "@/lib/qr/server/decode-pool";
import { ingestEmail, InboundRejected, inboundLimits, type InboundLimits } from "./ingest-email";
import { sleepUnlessAborted } from "@/lib/time";

/** First key of the poller's two-key advisory lock (the scheduler uses 7_202_612 for its jobs). */
export const INBOUND_LOCK_SPACE = 7_202_613;
/** Set on every message the pipeline has handled, with \Seen: a restart searches only for what lacks it. */
export const PROCESSED_KEYWORD = "$ResetConsoleDone";
/** Mailbox for messages refused as a whole (too large): moved out of the way, kept for a person. */
export const REJECTED_MAILBOX = "Rejected";

export type ImapTarget = { host: string; port: number; secure: boolean; user: string; pass: string; mailbox: string };

/** INBOUND_IMAP_URL → connection settings (imap://user:pass@host:143/INBOX, imaps:// for TLS). */
export function parseImapUrl(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX",
  };
}

/**
 * Handles every message of the mailbox that lacks PROCESSED_KEYWORD, oldest first; each is
 * flagged (\Seen and the keyword) only after the pipeline stored it, so a crash in between means
 * the next pass sees it again and the unique Message-ID makes that harmless.
 */
export async function processMailbox(options: { client: ImapFlow; db: Db; limits: InboundLimits; pool?: DecodePool; signal?: AbortSignal }): Promise<number> {
  const { client } = options;
  const log = logger({ component: "inbound-imap" });
  const uids = (await client.search({ unKeyword: PROCESSED_KEYWORD }, { uid: true })) || [];
  let handled = 0;
  for (const uid of uids.sort((a, b) => a - b)) {
    if (options.signal?.aborted) break;
    const message = await client.fetchOne(String(uid), { source: true, size: true }, { uid: true });
    if (!message) continue;
    const acceptedAt = new Date();
    try {
      if ((message.size ?? 0) > options.limits.maxBytes || !message.source) throw new InboundRejected("too-large", "too large");
      await ingestEmail({ db: options.db, raw: message.source, source: "IMAP", acceptedAt, limits: options.limits, pool: options.pool });
      await client.messageFlagsAdd(String(uid), ["\\Seen", PROCESSED_KEYWORD], { uid: true });
    } catch (error) {
      if (!(error instanceof InboundRejected)) throw error;
      log.warn({ uid }, "inbound imap: a message over the size limit was moved aside");
      await client.messageFlagsAdd(String(uid), [PROCESSED_KEYWORD], { uid: true });
      await client.mailboxCreate(REJECTED_MAILBOX).catch(() => undefined);
      await client.messageMove(String(uid), REJECTED_MAILBOX, { uid: true }).catch(() => undefined);
    }
    handled++;
  }
  return handled;
}

/**
 * One instance at a time polls the mailbox: on PostgreSQL the poller holds a session advisory
 * lock on its own connection for as long as it runs (another instance waits and tries again; a
 * crashed holder's lock goes with its connection). The embedded PGlite has one process anyway.
 */
async function withPollerLock(databaseUrl: string | null, signal: AbortSignal, run: () => Promise<void>): Promise<void> {
  if (!databaseUrl) return run();
  const log = logger({ component: "inbound-imap" });
  while (!signal.aborted) {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on("error", () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::int4, hashtext('inbound.imap')) AS locked", [
        INBOUND_LOCK_SPACE,
      ]);
      if (rows[0]?.locked) {
        log.info("inbound imap: this instance polls the mailbox");
        await run();
        return;
      }
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "inbound imap: could not take the poller lock");
    } finally {
      await client.end().catch(() => undefined);
    }
    await sleepUnlessAborted(15_000, signal);
  }
}

/**
 * The IMAP source: connects, handles what is waiting, then waits in IDLE for new mail (with a
 * periodic pass as a safety net), reconnecting with a growing pause after any failure.
 */
export async function runImapPoller(options: {
  db: Db;
  url: string;
  databaseUrl: string | null;
  signal: AbortSignal;
  limits?: InboundLimits;
  pool?: DecodePool;
  /** Safety-net pass while idle (default 60 s). */
  rescanMs?: number;
}): Promise<void> {
  const target = parseImapUrl(options.url);
  const limits = options.limits ?? inboundLimits();
  const log = logger({ component: "inbound-imap" });
  await withPollerLock(options.databaseUrl, options.signal, async () => {
    let pause = 1_000;
    while (!options.signal.aborted) {
      const client = new ImapFlow({
        host: target.host,
        port: target.port,
        secure: target.secure,
        auth: { user: target.user, pass: target.pass },
        logger: false,
        // The mailbox server may be local and unencrypted (imap://); imaps:// verifies as usual.
        tls: { rejectUnauthorized: true },
      });
      client.on("error", (error: Error) => log.warn({ err: error.message }, "inbound imap: connection error"));
      try {
        await client.connect();
        const lock = await client.getMailboxLock(target.mailbox);
        try {
          let wake: (() => void) | null = null;
          // New mail during a pass is not lost: the next wait ends at once.
          let arrived = false;
          client.on("exists", () => {
            arrived = true;
            wake?.();
          });
          const stop = () => wake?.();
          options.signal.addEventListener("abort", stop);
          pause = 1_000;
          while (!options.signal.aborted && client.usable) {
            arrived = false;
            await processMailbox({ client, db: options.db, limits, pool: options.pool, signal: options.signal });
            if (arrived) continue;
            if (options.signal.aborted) break;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, options.rescanMs ?? 60_000);
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
              // IDLE now: the server pushes EXISTS when mail arrives; the next command ends it.
              void client.idle().catch(() => wake?.());
            });
            wake = null;
          }
          options.signal.removeEventListener("abort", stop);
        } finally {
          lock.release();
        }
      } catch (error) {
        log.warn({ err: error instanceof Error ? error.message : String(error), retryInMs: pause }, "inbound imap: polling failed; reconnecting");
      } finally {
        // Stopping: drop the connection (a LOGOUT would wait behind the IDLE); otherwise log out politely, briefly.
        if (options.signal.aborted) client.close();
        else await Promise.race([client.logout(), new Promise((resolve) => setTimeout(resolve, 5_000))]).catch(() => undefined);
        client.close();
      }
      await sleepUnlessAborted(pause, options.signal);
      pause = Math.min(pause * 2, 60_000);
    }
  });
}
