import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventFilters } from "./event-filters";
import { dayAfter, dayStart } from "./search-params";

/**
 * The Prisma condition for an audit-log search, shared by the log page and its CSV export.
 * Each equality filter has an (x, seq) index, so "newest first" is an index walk.
 */
export function eventWhere(filters: EventFilters, bounds: { maxSeq?: bigint } = {}): Prisma.AuditEventWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (filters.from) at.gte = dayStart(filters.from);
  if (filters.to) at.lt = dayAfter(filters.to);
  return {
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.ticket ? { ticketId: filters.ticket } : {}),
    ...(filters.serial ? { serial: filters.serial } : {}),
    ...(filters.from || filters.to ? { at } : {}),
    ...(bounds.maxSeq !== undefined ? { seq: { lte: bounds.maxSeq } } : {}),
  };
}
