import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { canViewTicket, type TicketActor } from "@/lib/tickets/rules";
import { isEvidenceType, type EvidenceType } from "./evidence-rules";

export type EvidenceItem = {
  id: string;
  contentType: string;
  size: number;
  width: number;
  height: number;
  sha256: string;
  uploadedByName: string;
  createdAt: Date;
  /** When the retention job deletes it. */
  purgeAfter: Date;
};

type Viewer = Pick<TicketActor, "id" | "role">;

/**
 * A ticket's photos (without their bytes), oldest first, for whoever may see the ticket
 * (`canViewTicket`, the one rule); someone who may not gets an empty list, as if there were none.
 */
export async function listTicketEvidence(options: { db: Db; viewer: Viewer; ticketId: string; retentionDays: number }): Promise<EvidenceItem[]> {
  const { db, viewer } = options;
  const ticket = await db.ticket.findUnique({ where: { id: options.ticketId }, select: { createdById: true, assigneeId: true } });
  if (!ticket || !canViewTicket(ticket, viewer)) return [];
  const rows = await db.ticketEvidence.findMany({
    where: { ticketId: options.ticketId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, contentType: true, size: true, width: true, height: true, sha256: true, createdAt: true, uploadedBy: { select: { name: true } } },
  });
  return rows.map(({ uploadedBy, ...r }) => ({
    ...r,
    uploadedByName: uploadedBy.name,
    purgeAfter: new Date(r.createdAt.getTime() + options.retentionDays * 86_400_000),
  }));
}

/**
 * One photo's bytes, for whoever may see its ticket (`canViewTicket`); anyone else gets NOT_FOUND,
 * the same answer as for a photo that does not exist (or was purged), so ids cannot be probed.
 */
export async function getEvidenceFile(options: {
  db: Db;
  viewer: Viewer;
  evidenceId: string;
}): Promise<{ bytes: Uint8Array; contentType: EvidenceType; sha256: string; ticketNumber: number }> {
  const row = await options.db.ticketEvidence.findUnique({
    where: { id: options.evidenceId },
    select: { bytes: true, contentType: true, sha256: true, ticket: { select: { number: true, createdById: true, assigneeId: true } } },
  });
  if (!row || !canViewTicket(row.ticket, options.viewer) || !isEvidenceType(row.contentType)) throw new AppError("NOT_FOUND", "No such photo.");
  return { bytes: row.bytes, contentType: row.contentType, sha256: row.sha256, ticketNumber: row.ticket.number };
}
