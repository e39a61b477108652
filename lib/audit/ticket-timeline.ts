import "server-only";
import type { Db } from "@/lib/db/client";
import { describeEvent, type AuditFact } from "./describe-action";

/** Far more than any real ticket has; a bound so a pathological ticket cannot flood a page. */
const TIMELINE_LIMIT = 500;

export type TimelineEntry = {
  seq: string;
  at: Date;
  actorLabel: string;
  action: string;
  /** What happened, as a sentence ("Sam approved, reason: …"). */
  sentence: string;
  /** The recorded details under their labels, for the "Details" disclosure. */
  facts: AuditFact[];
};

/** Every audit event about one ticket, oldest first (index (ticketId, seq)), in words. */
export async function ticketTimeline(options: { db: Db; ticketId: string }): Promise<TimelineEntry[]> {
  const events = await options.db.auditEvent.findMany({
    where: { ticketId: options.ticketId },
    orderBy: { seq: "asc" },
    take: TIMELINE_LIMIT,
    select: { seq: true, at: true, actorLabel: true, action: true, details: true },
  });
  return events.map((e) => ({ seq: e.seq.toString(), at: e.at, actorLabel: e.actorLabel, action: e.action, ...describeEvent(e) }));
}
