import "server-only";
import type { Db } from "@/lib/db/client";
import { decodeCursor, encodeCursor } from "./cursor";
import { queryTicketRows, type TicketRow } from "./query-ticket-rows";
import type { TicketFilters } from "./ticket-filters";
import { ticketWhere } from "./ticket-where";

export const TICKET_PAGE_SIZE = 50;

export type TicketPage = { rows: TicketRow[]; next: string | null; prev: string | null };

/**
 * A page of tickets matching the filters, newest first, with keyset cursors: `after` walks to
 * older tickets, `before` back to newer ones. No OFFSET, so it stays fast at any depth.
 */
export async function searchTickets(options: { db: Db; filters: TicketFilters; after?: string; before?: string; limit?: number }): Promise<TicketPage> {
  const limit = options.limit ?? TICKET_PAGE_SIZE;
  const where = ticketWhere(options.filters);
  const before = decodeCursor(options.before);
  if (before) {
    const newer = await queryTicketRows({ db: options.db, where, cursor: before, direction: "newer", limit: limit + 1 });
    const rows = newer.slice(0, limit).reverse();
    return {
      rows,
      prev: newer.length > limit && rows[0] ? encodeCursor({ at: rows[0].createdAt, id: rows[0].id }) : null,
      next: rows.length ? encodeCursor({ at: rows[rows.length - 1]!.createdAt, id: rows[rows.length - 1]!.id }) : null,
    };
  }
  const after = decodeCursor(options.after);
  const older = await queryTicketRows({ db: options.db, where, cursor: after, direction: "older", limit: limit + 1 });
  const rows = older.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    rows,
    next: older.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    prev: after && rows[0] ? encodeCursor({ at: rows[0].createdAt, id: rows[0].id }) : null,
  };
}
