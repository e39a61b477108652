import "server-only";
import { SMTPServer } from "smtp-server";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { ingestEmail, InboundRejected, inboundLimits, type IngestResult, type InboundLimits } from "./ingest-email";
import type { DecodePool } from "@/lib/qr/server/decode-pool";

export type SmtpListener = { port: number; close(): Promise<void> };

/**
 * The SMTP listener: every message accepted is handed to the ingestion pipeline before the
 * server answers 250, so a sender whose message could not be stored gets a temporary failure
 * (451) and retries; one over the size limit is refused (552) while it streams, never buffered
 * whole. No AUTH and no STARTTLS: it listens where only the relay in front of it can reach it.
 */
export async function startSmtpListener(options: {
  db: Db | (() => Db);
  port: number;
  host?: string;
  limits?: InboundLimits;
  pool?: DecodePool;
  /** Also called with each received raw message (the dev mailbox in demo mode). */
  onMessage?: (raw: Uint8Array, result: IngestResult) => Promise<void>;
}): Promise<SmtpListener> {
  const limits = options.limits ?? inboundLimits();
  const log = logger({ component: "inbound-smtp" });
  const db = () => (typeof options.db === "function" ? options.db() : options.db);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: limits.maxBytes,
    banner: "reset console inbound",
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      let total = 0;
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total <= limits.maxBytes) chunks.push(chunk);
      });
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if (stream.sizeExceeded || total > limits.maxBytes) {
          const error = Object.assign(new Error(`Message too large: at most ${limits.maxBytes} bytes`), { responseCode: 552 });
          return callback(error);
        }
        const acceptedAt = new Date();
        const raw = Buffer.concat(chunks, total);
        ingestEmail({ db: db(), raw, source: "SMTP", acceptedAt, limits, pool: options.pool })
          .then(async (result) => {
            await options.onMessage?.(raw, result).catch((error: unknown) => log.warn({ err: error }, "inbound smtp: after-receive step failed"));
            callback(null, result.ticketNumber ? `Queued as ticket ${result.ticketNumber}` : "Queued");
          })
          .catch((error: unknown) => {
            if (error instanceof InboundRejected) return callback(Object.assign(new Error(error.message), { responseCode: 552 }));
            log.error({ err: error }, "inbound smtp: a message could not be stored; the sender will retry");
            callback(Object.assign(new Error("Temporary failure, try again later"), { responseCode: 451 }));
          });
      });
    },
  });
  server.on("error", (error) => log.error({ err: error }, "inbound smtp: server error"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  log.info({ port, host: options.host ?? "127.0.0.1" }, "inbound smtp: listening");
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
