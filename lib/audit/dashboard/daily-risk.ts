import "server-only";
import type { Db } from "@/lib/db/client";
import { DAY_MS, utcDay } from "@/lib/time";
import { windowStart } from "./window";

export type RiskDay = { day: string; stolen: number; blocked: number; escalations: number };

/** The checks' reason codes for a recorder reported stolen or blocked (lib/tickets/checks). */
const STOLEN = JSON.stringify([{ id: "DEVICE_STOLEN" }]);
const BLOCKED = JSON.stringify([{ id: "DEVICE_BLOCKED" }]);

/**
 * Per UTC day, zero-filled, oldest first: tickets whose recorder the registry has as stolen or
 * blocked (the checks' DEVICE_STOLEN / DEVICE_BLOCKED, found with the checks' GIN index), and
 * escalations opened to the supervisors.
 */
export async function dailyRisk(options: { db: Db; now: Date; days: number }): Promise<RiskDay[]> {
  const since = windowStart(options.now, options.days);
  const [hits, escalations] = await Promise.all([
    options.db.$queryRaw<{ day: string; stolen: number; blocked: number }[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "day", "stolen", "blocked" FROM (
        SELECT ("createdAt" AT TIME ZONE 'UTC')::date AS "day",
               count(*) FILTER (WHERE "checks" @> ${STOLEN}::jsonb)::int AS "stolen",
               count(*) FILTER (WHERE "checks" @> ${BLOCKED}::jsonb)::int AS "blocked"
        FROM "Ticket"
        WHERE "createdAt" >= ${since}::timestamptz AND ("checks" @> ${STOLEN}::jsonb OR "checks" @> ${BLOCKED}::jsonb)
        GROUP BY 1) d`,
    options.db.$queryRaw<{ day: string; n: number }[]>`
      SELECT to_char("day", 'YYYY-MM-DD') AS "day", "n" FROM (
        SELECT ("createdAt" AT TIME ZONE 'UTC')::date AS "day", count(*)::int AS "n"
        FROM "Escalation" WHERE "createdAt" >= ${since}::timestamptz GROUP BY 1) d`,
  ]);
  const hitsByDay = new Map(hits.map((h) => [h.day, h]));
  const escalationsByDay = new Map(escalations.map((e) => [e.day, e.n]));
  return Array.from({ length: options.days }, (_, i) => {
    const day = utcDay(since.getTime() + i * DAY_MS);
    return { day, stolen: hitsByDay.get(day)?.stolen ?? 0, blocked: hitsByDay.get(day)?.blocked ?? 0, escalations: escalationsByDay.get(day) ?? 0 };
  });
}
