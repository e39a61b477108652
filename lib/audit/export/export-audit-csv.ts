import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { csvStream } from "@/lib/csv/csv-stream";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import type { EventFilters } from "../event-filters";
import { eventWhere } from "../event-where";
import { recordAudit, type AuditActor } from "../record-audit";
import { EXPORT_BATCH } from "./export-tickets-csv";

const HEADER = ["seq", "at_utc", "actor_id", "actor", "action", "ip", "ticket_id", "serial", "details", "prev_hash", "hash"] as const;

/**
 * The audit events matching the filters as a CSV stream, oldest first (the order the chain is
 * verified in; prev_hash/hash let a reader re-check it). Audited at the start with the filters
 * and the row count; the export covers events up to the one before its own, so the count is exact
 * (the log is append-only).
 */
export async function exportAuditCsv(options: { db: Db; actor: AuditActor; ip: string | null; filters: EventFilters; batchSize?: number }) {
  const { db, filters } = options;
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  const maxSeq = head?.seq ?? 0n;
  const where = await eventWhere(db, filters, { maxSeq });
  const rows = await db.auditEvent.count({ where });
  const started = await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: options.actor,
      action: "export.audit",
      ip: options.ip,
      details: { ...loggableFilters(filters), rows, throughSeq: maxSeq.toString() },
    }),
  );
  return {
    rows,
    filename: `audit-through-${maxSeq}-${started.seq}.csv`,
    stream: csvStream({ header: HEADER, batches: eventBatches(db, where, options.batchSize ?? EXPORT_BATCH) }),
  };
}

async function* eventBatches(db: Db, where: Prisma.AuditEventWhereInput, batchSize: number) {
  let after = 0n;
  for (;;) {
    const batch = await db.auditEvent.findMany({ where: { AND: [where, { seq: { gt: after } }] }, orderBy: { seq: "asc" }, take: batchSize });
    if (batch.length === 0) return;
    yield batch.map((e) => [
      e.seq.toString(),
      e.at,
      e.actorId,
      e.actorLabel,
      e.action,
      e.ip,
      e.ticketId,
      e.serial,
      JSON.stringify(e.details),
      e.prevHash,
      e.hash,
    ]);
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1]!.seq;
  }
}

/** The filters as the audit row records them: a ticket by its id or its RT reference. */
function loggableFilters(filters: EventFilters): Record<string, string> {
  const { ticket, ...rest } = filters;
  const out: Record<string, string> = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => !!e[1]));
  if (ticket) out.ticket = "id" in ticket ? ticket.id : ticketRef(ticket.number);
  return out;
}
