import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { databaseErrorCode } from "@/lib/db/database-errors";
import { env } from "@/lib/env";
import { storeEvidence } from "@/lib/evidence/store-evidence";
import type { InboundOutcome, InboundSource } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import { maskEmail } from "@/lib/privacy/mask-email";
import type { MasterKeys } from "@/lib/reset-protocol";
import { createTicket } from "@/lib/tickets/create-ticket";
import type { TicketActor } from "@/lib/tickets/rules";
import type { DecodePool } from "@/lib/qr/server/decode-pool";
import { autoReplyRefusal, automatedReason } from "./auto-reply-rules";
import { decodeImages, findChallengeLink } from "./decode-images";
import { findThreadTicket } from "./find-thread";
import { limiter } from "./limiter";
import { parseInbound, type ParsedInbound } from "./parse-inbound";
import { systemActor } from "./system-actor";
import { zeroTouchIssue } from "./zero-touch";
import { senderPassedDmarc } from "./zero-touch-rules";

/** What one message may hold, and whose sender checks are trusted (INBOUND_AUTHSERV_IDS). */
export type InboundLimits = { maxBytes: number; maxImages: number; maxPixels: number; trustedAuthServIds: readonly string[] };

export function inboundLimits(): InboundLimits {
  const config = env();
  return {
    maxBytes: config.INBOUND_MAX_BYTES,
    maxImages: config.INBOUND_MAX_IMAGES,
    maxPixels: config.INBOUND_MAX_PIXELS,
    trustedAuthServIds: (config.INBOUND_AUTHSERV_IDS ?? "").split(",").filter((id) => id.trim()),
  };
}

export type IngestResult = {
  outcome: InboundOutcome | "DUPLICATE";
  messageId: string;
  ticketId: string | null;
  ticketNumber: number | null;
  /** Why an automatic reply must not be sent (RFC 3834), or null when one may be. */
  autoReplyRefusal: string | null;
  note: string | null;
  /** The code was issued with no agent (zero-touch). */
  zeroTouch?: boolean;
};

/** The message is refused as a whole (the SMTP listener answers 552; IMAP moves it aside). */
export class InboundRejected extends Error {
  constructor(
    readonly reason: "too-large",
    message: string,
  ) {
    super(message);
    this.name = "InboundRejected";
  }
}

const emailSchema = z.email();
/** The writing phase of every message of this process (see limiter.ts): a few at a time. */
const writeSlot = limiter(3);
/** Evidence (a sharp re-encode, then its own transaction) queues apart, so it never holds up the next ticket. */
const evidenceSlot = limiter(2);

function rowData(parsed: ParsedInbound, source: InboundSource, acceptedAt: Date, outcome: InboundOutcome, ticketId: string | null, note: string | null) {
  return {
    messageId: parsed.messageId,
    source,
    fromAddress: parsed.from?.address.slice(0, 320) ?? "",
    fromName: parsed.from?.name?.slice(0, 200) ?? null,
    subject: parsed.subject,
    text: parsed.text,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    authResults: parsed.authResults,
    images: parsed.images.length + parsed.imagesDropped,
    outcome,
    note,
    ticketId,
    acceptedAt,
  } satisfies Prisma.InboundMessageUncheckedCreateInput;
}

/** The ticket-timeline event for a received email: what arrived and what the receiving server said of its origin. */
async function auditReceived(
  tx: Prisma.TransactionClient,
  actor: TicketActor,
  ticket: { id: string; serial: string | null },
  parsed: ParsedInbound,
  outcome: InboundOutcome,
) {
  await recordAudit(tx, {
    actor: { id: actor.id, label: actor.label },
    ip: null,
    ticketId: ticket.id,
    serial: ticket.serial,
    action: "ticket.email_received",
    details: {
      outcome,
      from: parsed.from ? maskEmail(parsed.from.address) : null,
      images: parsed.images.length,
      authenticationResults: parsed.authResults.join(" | ").slice(0, 1_000) || "none",
    },
  });
}

const isUniqueViolation = (error: unknown) => databaseErrorCode(error) === "23505" || (error as { code?: string })?.code === "P2002";

/**
 * The one ingestion pipeline for every source: one raw message in, at most one ticket (or one
 * thread entry) out. Parsed with mailparser; a reply threads into its ticket; otherwise a reset
 * link in the body, then every image (decoded off the event loop on the pool), gives the
 * challenge and the ticket is opened with every check run, unassigned ("From email, ready"); when
 * nothing decodes it opens as NEEDS_PHOTO with the photos kept as evidence. The Message-ID is
 * unique in the database, so a message received twice (any instance, any source) opens nothing new.
 */
export async function ingestEmail(options: {
  db: Db;
  raw: Uint8Array;
  source: InboundSource;
  acceptedAt?: Date;
  limits?: InboundLimits;
  pool?: DecodePool;
  keys?: MasterKeys;
  /** Our own addresses: mail from them is a loop. */
  ownAddresses?: readonly string[];
}): Promise<IngestResult> {
  const { db, source } = options;
  const acceptedAt = options.acceptedAt ?? new Date();
  const limits = options.limits ?? inboundLimits();
  const m = metrics();
  const log = logger({ component: "inbound", source });
  if (options.raw.byteLength > limits.maxBytes) {
    m.inboundMessages.inc({ source, outcome: "REJECTED" });
    throw new InboundRejected("too-large", `The message is larger than ${limits.maxBytes} bytes.`);
  }
  const parsed = await parseInbound(options.raw, { maxImages: limits.maxImages, trustedAuthServIds: limits.trustedAuthServIds });
  const replyRefusal = autoReplyRefusal({ from: parsed.from?.address ?? null, headers: parsed.headers, isReport: parsed.isReport }, options.ownAddresses);
  const done = (outcome: IngestResult["outcome"], ticket: { id: string; number: number } | null, note: string | null, readyAt = Date.now()): IngestResult => {
    m.inboundMessages.inc({ source, outcome });
    if (outcome !== "DUPLICATE") m.inboundLag.observe({ outcome }, (readyAt - acceptedAt.getTime()) / 1000);
    log.info({ outcome, ticketNumber: ticket?.number ?? null, images: parsed.images.length }, "inbound: message handled");
    return { outcome, messageId: parsed.messageId, ticketId: ticket?.id ?? null, ticketNumber: ticket?.number ?? null, autoReplyRefusal: replyRefusal, note };
  };
  if (await db.inboundMessage.findUnique({ where: { messageId: parsed.messageId }, select: { id: true } })) return done("DUPLICATE", null, null);

  // Only a row keeping it, no ticket: machine mail, or no usable sender.
  const ignore = async (note: string) => {
    const created = await db.inboundMessage.createMany({ data: [rowData(parsed, source, acceptedAt, "IGNORED", null, note)], skipDuplicates: true });
    return done(created.count ? "IGNORED" : "DUPLICATE", null, note);
  };
  const automated = automatedReason({ from: parsed.from?.address ?? null, headers: parsed.headers, isReport: parsed.isReport }, options.ownAddresses);
  if (automated) return ignore(automated);
  if (!parsed.from || !emailSchema.safeParse(parsed.from.address).success || parsed.from.address.length > 254) return ignore("no valid sender address");
  const from = parsed.from;

  const actor = await systemActor(db);
  const thread = await findThreadTicket(db, { ...parsed, from });
  if (thread) {
    try {
      await writeSlot(() =>
        db.$transaction(async (tx) => {
          const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: thread.id }, select: { id: true, serial: true } });
          await tx.inboundMessage.create({ data: rowData(parsed, source, acceptedAt, "THREADED", thread.id, null) });
          await auditReceived(tx, actor, ticket, parsed, "THREADED");
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return done("DUPLICATE", null, null);
      throw error;
    }
    return done("THREADED", thread, null);
  }

  // The challenge: a link in the body first (cheap), then the photos.
  let challengeText = findChallengeLink(parsed.text);
  let decodedIndex: number | null = null;
  if (!challengeText && parsed.images.length) {
    const decoded = await decodeImages(parsed.images, { maxPixels: limits.maxPixels, pool: options.pool });
    const hit = decoded.find((d) => d.challengeText);
    for (const d of decoded)
      m.inboundImages.inc({ result: d.challengeText ? "decoded" : d.failure === "not a reset code" || d.failure === "not-found" ? "none" : "failed" });
    challengeText = hit?.challengeText ?? null;
    decodedIndex = hit?.index ?? null;
  }
  if (parsed.imagesDropped) m.inboundImages.inc({ result: "dropped" }, parsed.imagesDropped);
  const customerName = (from.name ?? from.address.split("@")[0]!).slice(0, 120);

  let ticket: { id: string; number: number };
  let outcome: InboundOutcome;
  try {
    if (challengeText) {
      outcome = "TICKET";
      ticket = await writeSlot(() =>
        createTicket({
          db,
          actor,
          keys: options.keys,
          assigneeId: null,
          input: { customerName, customerEmail: from.address, customerPhone: null, channel: "EMAIL", notes: null, challengeText },
          within: async (tx, created) => {
            await tx.inboundMessage.create({ data: rowData(parsed, source, acceptedAt, "TICKET", created.id, null) });
            await auditReceived(tx, actor, created, parsed, "TICKET");
          },
        }),
      );
    } else {
      outcome = "NEEDS_PHOTO";
      const note = parsed.images.length ? "no reset QR code could be read in the photos" : "no photo and no reset link";
      ticket = await writeSlot(() =>
        db.$transaction(async (tx) => {
          const created = await tx.ticket.create({
            data: {
              customerName,
              customerEmail: from.address,
              channel: "EMAIL",
              status: "NEEDS_PHOTO",
              decision: "REVIEW",
              checks: [],
              createdById: actor.id,
              assigneeId: null,
              decidedAt: null,
            },
            select: { id: true, number: true, serial: true },
          });
          await tx.inboundMessage.create({ data: rowData(parsed, source, acceptedAt, "NEEDS_PHOTO", created.id, note) });
          await recordAudit(tx, {
            actor: { id: actor.id, label: actor.label },
            ip: null,
            ticketId: created.id,
            serial: null,
            action: "ticket.created",
            details: { number: created.number, channel: "EMAIL", customer: maskEmail(from.address), needsPhoto: true },
          });
          await auditReceived(tx, actor, created, parsed, "NEEDS_PHOTO");
          return created;
        }),
      );
    }
  } catch (error) {
    if (isUniqueViolation(error)) return done("DUPLICATE", null, null);
    throw error;
  }

  // The ticket is ready (committed): what the lag metric measures; evidence and zero-touch follow.
  const readyAt = Date.now();
  // Zero-touch (off by default): a clean request from the owner's own address gets its code now.
  const zeroTouch =
    outcome === "TICKET"
      ? await zeroTouchIssue({ db, ticketId: ticket.id, keys: options.keys, senderPassedDmarc: senderPassedDmarc(parsed.authResults) })
      : null;
  if (zeroTouch?.issued) m.inboundMessages.inc({ source, outcome: "ZERO_TOUCH" });

  // Evidence: the photo that decoded, or every photo when none did (scrubbed of metadata; formats
  // the evidence store does not keep, such as HEIC, stay only in the mailbox).
  const keep = decodedIndex !== null ? [parsed.images[decodedIndex]!] : outcome === "NEEDS_PHOTO" ? parsed.images : [];
  for (const image of keep) {
    try {
      await evidenceSlot(() => storeEvidence({ db, actor, ticketId: ticket.id, bytes: image.bytes }));
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error), ticketNumber: ticket.number }, "inbound: a photo was not kept as evidence");
    }
  }
  return { ...done(outcome, ticket, null, readyAt), zeroTouch: zeroTouch?.issued ?? false };
}
