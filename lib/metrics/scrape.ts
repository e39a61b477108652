import "server-only";
import { uncoveredAuditEvents } from "@/lib/audit/checkpoints/make-checkpoint";
import type { Db } from "@/lib/db/client";
import { OPEN_STATUSES } from "@/lib/tickets/lifecycle-rules";
import { metrics } from "./metrics";

/**
 * Fills the gauges that describe shared state (outbox, open tickets, unsigned audit events) from the database, then
 * renders every metric in Prometheus text format. Each instance reports the same state figures;
 * dashboards take max() of them and sum() of the event counters. A failed read still answers,
 * with the state gauges left as they were and `reset_metrics_scrape_errors_total` counting it.
 */
export async function scrapeMetrics(db: Db, now = new Date()): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  try {
    const waiting = { status: { in: ["PENDING" as const, "SENDING" as const] } };
    const [pending, oldest, failed, open, audit, hooksPending, hooksOldest, hooksFailed] = await Promise.all([
      db.outboxEmail.count({ where: { status: { in: ["PENDING", "SENDING"] } } }),
      db.outboxEmail.findFirst({ where: { status: { in: ["PENDING", "SENDING"] } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
      db.outboxEmail.count({ where: { status: "FAILED" } }),
      db.ticket.groupBy({ by: ["status"], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } }),
      uncoveredAuditEvents(db),
      db.webhookDelivery.count({ where: waiting }),
      db.webhookDelivery.findFirst({ where: waiting, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
      db.webhookDelivery.count({ where: { status: "FAILED" } }),
    ]);
    m.webhookPending.set(hooksPending);
    m.webhookOldest.set(hooksOldest ? Math.max(0, (now.getTime() - hooksOldest.createdAt.getTime()) / 1000) : 0);
    m.webhookFailed.set(hooksFailed);
    m.auditUncovered.set(audit.uncovered);
    m.outboxDepth.set(pending);
    m.outboxOldest.set(oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1000) : 0);
    m.outboxFailed.set(failed);
    for (const status of OPEN_STATUSES) m.openTickets.set({ status }, open.find((row) => row.status === status)?._count._all ?? 0);
  } catch {
    m.scrapeErrors.inc();
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
