import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { csvStream } from "@/lib/csv/csv-stream";
import { maskEmail } from "@/lib/privacy/mask-email";
import { flaggedReasonCodes } from "@/lib/tickets/checks/read-checks";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { queryTicketRows } from "../query-ticket-rows";
import { recordAudit, type AuditActor } from "../record-audit";
import type { TicketFilters } from "../ticket-filters";
import { ticketWhere } from "../ticket-where";

/** Rows per database round trip: big enough to be quick, small enough to keep memory flat. */
export const EXPORT_BATCH = 2_000;

const HEADER = [
  "number",
  "id",
  "created_at_utc",
  "status",
  "decision",
  "flagged_checks",
  "serial",
  "customer_name",
  "customer_email",
  "channel",
  "opened_by",
  "expires_at_utc",
  "decided_at_utc",
  "first_sent_at_utc",
  "approved_destination",
] as const;

/**
 * The tickets matching the filters as a CSV stream, newest first. The export is audited when it
 * starts (with the filters and the row count), because a stream's end is not transactional: a
 * client that disconnects half-way still had the chance to read everything. Everything up to
 * `asOf` is exported, so the count is what the file holds. Reset codes are never stored, so never
 * exported; customer emails are, for supervisors, but never written to the audit log.
 */
export async function exportTicketsCsv(options: { db: Db; actor: AuditActor; ip: string | null; filters: TicketFilters; batchSize?: number }) {
  const { db, filters } = options;
  const asOf = new Date();
  const where = ticketWhere(filters, { asOf });
  const [{ count }] = await db.$queryRaw<[{ count: bigint }]>`SELECT count(*) AS "count" FROM "Ticket" t WHERE ${where}`;
  const rows = Number(count);
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: options.actor,
      action: "export.tickets",
      ip: options.ip,
      details: { ...loggableFilters(filters), rows, asOf: asOf.toISOString() },
    }),
  );
  return {
    rows,
    filename: `tickets-${asOf.toISOString().slice(0, 19).replaceAll(":", "")}Z.csv`,
    stream: csvStream({ header: HEADER, batches: ticketBatches(db, where, options.batchSize ?? EXPORT_BATCH) }),
  };
}

async function* ticketBatches(db: Db, where: Prisma.Sql, batchSize: number) {
  let cursor: { at: Date; id: string } | undefined;
  for (;;) {
    const batch = await queryTicketRows({ db, where, cursor, direction: "older", limit: batchSize });
    if (batch.length === 0) return;
    yield batch.map((t) => [
      ticketRef(t.number),
      t.id,
      t.createdAt,
      t.status,
      t.decision,
      flaggedReasonCodes(t.checks).join(" "),
      t.serial,
      t.customerName,
      t.customerEmail,
      t.channel,
      t.createdByName,
      t.expiresAt,
      t.decidedAt,
      t.firstSentAt,
      t.approvedDestination,
    ]);
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    cursor = { at: last.createdAt, id: last.id };
  }
}

/** Filters as they go into the audit log: a searched-for customer email only masked. */
function loggableFilters(filters: TicketFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) out[key] = key === "email" ? maskEmail(String(value)) : String(value);
  return out;
}
