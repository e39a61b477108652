import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Decision, TicketStatus } from "@/lib/generated/prisma/enums";
import type { TimeIdCursor } from "./cursor";

export type TicketRow = {
  id: string;
  number: number;
  createdAt: Date;
  status: TicketStatus;
  decision: Decision;
  serial: string | null;
  customerName: string;
  customerEmail: string;
  channel: string;
  createdById: string;
  createdByName: string | null;
  checks: unknown;
  expiresAt: Date | null;
  decidedAt: Date | null;
  firstSentAt: Date | null;
  approvedDestination: string | null;
};

/**
 * One keyset slice of tickets, newest first ("older" than the cursor) or oldest first ("newer"):
 * a row comparison on (createdAt, id) walks the composite index, so page 10 000 costs what page 1 does.
 */
export async function queryTicketRows(options: {
  db: Db;
  where: Prisma.Sql;
  cursor?: TimeIdCursor;
  direction: "older" | "newer";
  limit: number;
}): Promise<TicketRow[]> {
  const { cursor, direction } = options;
  const position = !cursor
    ? Prisma.sql`TRUE`
    : direction === "older"
      ? Prisma.sql`(t."createdAt", t."id") < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
      : Prisma.sql`(t."createdAt", t."id") > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
  const order = direction === "older" ? Prisma.sql`t."createdAt" DESC, t."id" DESC` : Prisma.sql`t."createdAt" ASC, t."id" ASC`;
  return options.db.$queryRaw<TicketRow[]>`
    SELECT t."id", t."number", t."createdAt", t."status"::text AS "status", t."decision"::text AS "decision", t."serial",
           t."customerName", t."customerEmail", t."channel"::text AS "channel", t."createdById", u."name" AS "createdByName",
           t."checks", t."expiresAt", t."decidedAt", t."firstSentAt", t."approvedDestination"
    FROM "Ticket" t LEFT JOIN "User" u ON u."id" = t."createdById"
    WHERE ${options.where} AND ${position}
    ORDER BY ${order}
    LIMIT ${options.limit}`;
}
