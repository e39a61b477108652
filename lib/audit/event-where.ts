import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventFilters } from "./event-filters";
import { dayAfter, dayStart } from "./search-params";

/** No ticket has this id: a ticket number that names no ticket finds no events. */
const NO_TICKET = "00000000-0000-0000-0000-000000000000";

/**
 * The Prisma condition for an audit-log search, shared by the log page and its CSV export.
 * Each filter has an (x, seq) index, so "newest first" is an index walk: a ticket quoted by its
 * RT number is looked up first (unique index on "number") and searched by id; the serial is a
 * prefix (`LIKE 'NVR8-24%'`), a range scan of the (serial, seq) index because the column is in
 * the "C" collation (migration 20261206131042_admin_tools_filter_indexes).
 */
export async function eventWhere(db: Db, filters: EventFilters, bounds: { maxSeq?: bigint } = {}): Promise<Prisma.AuditEventWhereInput> {
  const at: Prisma.DateTimeFilter = {};
  if (filters.from) at.gte = dayStart(filters.from);
  if (filters.to) at.lt = dayAfter(filters.to);
  let ticketId: string | undefined;
  if (filters.ticket && "id" in filters.ticket) ticketId = filters.ticket.id;
  else if (filters.ticket) {
    const found = await db.ticket.findUnique({ where: { number: filters.ticket.number }, select: { id: true } });
    ticketId = found?.id ?? NO_TICKET;
  }
  return {
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(ticketId ? { ticketId } : {}),
    // serialParam allows only A–Z, 0–9 and dashes: no LIKE wildcard can reach the pattern.
    ...(filters.serial ? { serial: { startsWith: filters.serial } } : {}),
    ...(filters.from || filters.to ? { at } : {}),
    ...(bounds.maxSeq !== undefined ? { seq: { lte: bounds.maxSeq } } : {}),
  };
}
