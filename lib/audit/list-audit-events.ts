import "server-only";
import type { Db } from "@/lib/db/client";
import { decodeSeqCursor } from "./cursor";
import type { AuditContent } from "./event-hash";
import type { EventFilters } from "./event-filters";
import { eventWhere } from "./event-where";

export const EVENT_PAGE_SIZE = 50;

/** One stored event as the log pages show it: the hashed content, seq as text (JSON-safe), and its hash. */
export type AuditEventRow = Omit<AuditContent, "seq"> & { seq: string; hash: string };

export type AuditEventPage = { rows: AuditEventRow[]; next: string | null; prev: string | null };

/** A page of the audit log, newest first, keyset on seq (`after` = older, `before` = newer). */
export async function listAuditEvents(options: { db: Db; filters: EventFilters; after?: string; before?: string; limit?: number }): Promise<AuditEventPage> {
  const limit = options.limit ?? EVENT_PAGE_SIZE;
  const base = await eventWhere(options.db, options.filters);
  const before = decodeSeqCursor(options.before);
  const after = before === undefined ? decodeSeqCursor(options.after) : undefined;
  const found = await options.db.auditEvent.findMany({
    where: before !== undefined ? { AND: [base, { seq: { gt: before } }] } : after !== undefined ? { AND: [base, { seq: { lt: after } }] } : base,
    orderBy: { seq: before !== undefined ? "asc" : "desc" },
    take: limit + 1,
    select: { seq: true, at: true, actorId: true, actorLabel: true, action: true, ip: true, ticketId: true, serial: true, details: true, hash: true },
  });
  const more = found.length > limit;
  const slice = found.slice(0, limit);
  const rows = (before !== undefined ? slice.reverse() : slice).map((e) => ({ ...e, seq: e.seq.toString() }));
  const first = rows[0]?.seq ?? null;
  const last = rows[rows.length - 1]?.seq ?? null;
  if (before !== undefined) return { rows, prev: more ? first : null, next: last };
  return { rows, next: more ? last : null, prev: after !== undefined ? first : null };
}
