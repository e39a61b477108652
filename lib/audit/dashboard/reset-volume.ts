import "server-only";
import type { Db } from "@/lib/db/client";
import { DAY_MS, utcDay } from "@/lib/time";
import { windowStart } from "./window";

export type VolumeDay = { day: string; tickets: number; codesIssued: number };

/**
 * Tickets opened and codes issued per UTC day, zero-filled, oldest first. The tickets per day
 * come from the caller's one pass over the window's tickets (`windowTickets`), as a promise so
 * this query runs alongside it.
 */
export async function resetVolume(options: { db: Db; now: Date; days: number; ticketsByDay: Promise<Map<string, number>> }): Promise<VolumeDay[]> {
  const since = windowStart(options.now, options.days);
  // Group by the date first and format the ~30 groups, not every row.
  const [ticketsByDay, issues] = await Promise.all([
    options.ticketsByDay,
    options.db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "day", "n" FROM (
        SELECT ("issuedAt" AT TIME ZONE 'UTC')::date AS "day", count(*)::int AS "n"
        FROM "CodeIssue" WHERE "issuedAt" >= ${since}::timestamptz GROUP BY 1) d`,
  ]);
  const issuesByDay = new Map(issues.map((r) => [r.day, r.n]));
  return Array.from({ length: options.days }, (_, i) => {
    const day = utcDay(since.getTime() + i * DAY_MS);
    return { day, tickets: ticketsByDay.get(day) ?? 0, codesIssued: issuesByDay.get(day) ?? 0 };
  });
}
