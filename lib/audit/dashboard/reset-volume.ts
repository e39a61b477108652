import "server-only";
import type { Db } from "@/lib/db/client";
import { DAY_MS, windowStart } from "./window";

export type VolumeDay = { day: string; tickets: number; codesIssued: number };

/** Tickets opened and codes issued per UTC day, zero-filled, oldest first. */
export async function resetVolume(options: { db: Db; now: Date; days: number }): Promise<VolumeDay[]> {
  const since = windowStart(options.now, options.days);
  const [tickets, issues] = await Promise.all([
    options.db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char(("createdAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS "day", count(*)::int AS "n"
      FROM "Ticket" WHERE "createdAt" >= ${since}::timestamptz GROUP BY 1`,
    options.db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char(("issuedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS "day", count(*)::int AS "n"
      FROM "CodeIssue" WHERE "issuedAt" >= ${since}::timestamptz GROUP BY 1`,
  ]);
  const ticketsByDay = new Map(tickets.map((r) => [r.day, r.n]));
  const issuesByDay = new Map(issues.map((r) => [r.day, r.n]));
  return Array.from({ length: options.days }, (_, i) => {
    const day = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { day, tickets: ticketsByDay.get(day) ?? 0, codesIssued: issuesByDay.get(day) ?? 0 };
  });
}
