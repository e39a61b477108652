import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { actingScope, type TicketActor } from "@/lib/tickets/rules";
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_PER_TICKET_MAX,
  EVIDENCE_TOO_LARGE_MESSAGE,
  EVIDENCE_TYPE_MESSAGE,
  sniffEvidenceType,
  type EvidenceType,
} from "./evidence-rules";

/** Far above any recorder screen photo (a 12 MP photo is 12 M pixels); stops decompression bombs. */
const MAX_INPUT_PIXELS = 60_000_000;

export type StoredEvidence = { id: string; ticketId: string; sha256: string; contentType: EvidenceType; size: number; width: number; height: number };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Reads an upload of at most EVIDENCE_MAX_BYTES: the declared length is checked before the first
 * byte is read, and the bytes are counted as they stream (a missing or false Content-Length does
 * not get around the cap). Leaving early cancels the rest of the upload.
 */
export async function readEvidenceUpload(body: ReadableStream<Uint8Array> | null, declaredBytes: number | null): Promise<Uint8Array> {
  if (declaredBytes !== null && declaredBytes > EVIDENCE_MAX_BYTES) throw new AppError("TOO_LARGE", EVIDENCE_TOO_LARGE_MESSAGE);
  if (!body || declaredBytes === 0) throw new AppError("INVALID_INPUT", "Choose a photo.", { file: ["Choose a photo."] });
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > EVIDENCE_MAX_BYTES) throw new AppError("TOO_LARGE", EVIDENCE_TOO_LARGE_MESSAGE);
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (total === 0) throw new AppError("INVALID_INPUT", "Choose a photo.", { file: ["Choose a photo."] });
  return Buffer.concat(chunks, total);
}

/**
 * Re-encodes a photo in its own format with sharp: the EXIF orientation is applied to the pixels,
 * then every metadata block (EXIF with GPS location, XMP, IPTC, ICC, comments) is dropped, since
 * sharp writes none unless asked. A file that does not decode as the image it claims is refused.
 */
async function scrub(bytes: Uint8Array, type: EvidenceType): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();
    const encoded = type === "image/jpeg" ? image.jpeg({ quality: 92 }) : type === "image/png" ? image.png() : image.webp({ quality: 92 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw new AppError("INVALID_INPUT", "The file could not be read as a photo.", { file: ["The file could not be read as a photo."] });
  }
}

/**
 * Keeps the customer's photo with a ticket the uploader may act on (`actingScope`, the one rule):
 * scrubbed of metadata, stored in the database (every instance serves it), with the SHA-256 of
 * the stored bytes (and of the upload as received) in the `evidence.added` audit event of the
 * same transaction.
 */
export async function storeEvidence(options: {
  db: Db;
  actor: TicketActor;
  ticketId: string;
  bytes: Uint8Array;
  declaredType?: string | null;
}): Promise<StoredEvidence> {
  const { db, actor, bytes } = options;
  const type = sniffEvidenceType(bytes);
  if (!type || (options.declaredType && options.declaredType !== type))
    throw new AppError("INVALID_INPUT", EVIDENCE_TYPE_MESSAGE, { file: [EVIDENCE_TYPE_MESSAGE] });
  const ticket = await db.ticket.findFirst({ where: { id: options.ticketId, ...actingScope(actor) }, select: { id: true } });
  if (!ticket) throw new AppError("NOT_FOUND", "No such ticket.");
  const scrubbed = await scrub(bytes, type);
  const digest = sha256(scrubbed.data);
  const originalDigest = sha256(bytes);
  return db.$transaction(async (tx) => {
    const locked = await tx.ticket.findFirst({
      where: { id: ticket.id, ...actingScope(actor) },
      select: { id: true, serial: true, _count: { select: { evidence: true } } },
    });
    if (!locked) throw new AppError("NOT_FOUND", "No such ticket.");
    if (locked._count.evidence >= EVIDENCE_PER_TICKET_MAX) throw new AppError("INVALID_STATE", `A ticket keeps at most ${EVIDENCE_PER_TICKET_MAX} photos.`);
    const row = await tx.ticketEvidence.create({
      data: {
        ticketId: locked.id,
        contentType: type,
        bytes: new Uint8Array(scrubbed.data),
        size: scrubbed.data.byteLength,
        width: scrubbed.width,
        height: scrubbed.height,
        sha256: digest,
        originalSha256: originalDigest,
        uploadedById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: locked.id,
      serial: locked.serial,
      action: "evidence.added",
      details: {
        evidenceId: row.id,
        sha256: digest,
        originalSha256: originalDigest,
        contentType: type,
        bytes: scrubbed.data.byteLength,
        uploadedBytes: bytes.byteLength,
        width: scrubbed.width,
        height: scrubbed.height,
        metadata: "removed",
      },
    });
    return {
      id: row.id,
      ticketId: locked.id,
      sha256: digest,
      contentType: type,
      size: scrubbed.data.byteLength,
      width: scrubbed.width,
      height: scrubbed.height,
    };
  });
}
