import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Seconds buckets from a fast API answer to a slow decode or send. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "reset_console_" });
  const registers = [registry];
  return {
    registry,
    // Events, counted in the process where they happen (Prometheus sums instances).
    httpDuration: new Histogram({
      name: "reset_http_request_duration_seconds",
      help: "API route handlers and server actions: time from request to answer, by route or action and outcome.",
      labelNames: ["route", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    ticketsDecided: new Counter({
      name: "reset_tickets_decided_total",
      help: "Tickets opened, by the checks' decision (ISSUE, REVIEW, REFUSE).",
      labelNames: ["decision"] as const,
      registers,
    }),
    ticketReasons: new Counter({
      name: "reset_ticket_reasons_total",
      help: "Checks that did not pass when a ticket was opened, by reason code (check id) and outcome.",
      labelNames: ["reason", "outcome"] as const,
      registers,
    }),
    decodeReports: new Counter({
      name: "reset_decode_reports_total",
      help: "QR decodes reported by agents' browsers: found or not, by the engine that read it.",
      labelNames: ["result", "engine"] as const,
      registers,
    }),
    decodeDuration: new Histogram({
      name: "reset_decode_duration_seconds",
      help: "Browser QR decode time, photo chosen to result.",
      labelNames: ["result"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 10],
      registers,
    }),
    sendFailures: new Counter({
      name: "reset_email_send_failures_total",
      help: "Outbox delivery attempts that failed, by class (transient: retried; permanent: given up).",
      labelNames: ["class"] as const,
      registers,
    }),
    inboundLag: new Histogram({
      name: "reset_inbound_lag_seconds",
      help: "Inbound email: from the message accepted (SMTP end of data, IMAP fetch) to its ticket ready, by outcome.",
      labelNames: ["outcome"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    inboundMessages: new Counter({
      name: "reset_inbound_messages_total",
      help: "Inbound emails by source (SMTP, IMAP) and outcome (TICKET, NEEDS_PHOTO, THREADED, IGNORED, DUPLICATE, REJECTED).",
      labelNames: ["source", "outcome"] as const,
      registers,
    }),
    inboundImages: new Counter({
      name: "reset_inbound_images_total",
      help: "Images in inbound emails, by decode result (decoded, none, failed, dropped over the limit).",
      labelNames: ["result"] as const,
      registers,
    }),
    emailsSent: new Counter({ name: "reset_emails_sent_total", help: "Emails handed to the relay by this process's outbox worker.", registers }),
    signInFailures: new Counter({
      name: "reset_sign_in_failures_total",
      help: "Refused sign-ins, by reason (invalid: wrong email or password; throttled: slowed down or blocked).",
      labelNames: ["reason"] as const,
      registers,
    }),
    webhookLag: new Histogram({
      name: "reset_webhook_delivery_lag_seconds",
      help: "Webhook deliveries: time from the ticket event to the endpoint's 2xx answer (retries included).",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600],
      registers,
    }),
    webhookFailures: new Counter({
      name: "reset_webhook_delivery_failures_total",
      help: "Webhook delivery attempts that failed, by class (destination_refused, timeout, network, http_3xx, http_4xx, http_5xx).",
      labelNames: ["class"] as const,
      registers,
    }),
    webhooksDelivered: new Counter({
      name: "reset_webhooks_delivered_total",
      help: "Webhook deliveries answered with a 2xx by this process's worker.",
      registers,
    }),
    // State, read from the database at scrape time (the same on every instance: use max()).
    outboxDepth: new Gauge({ name: "reset_outbox_pending", help: "Emails waiting in the outbox (pending, due or not).", registers }),
    outboxOldest: new Gauge({ name: "reset_outbox_oldest_pending_age_seconds", help: "Age of the oldest pending email; 0 when none.", registers }),
    outboxFailed: new Gauge({ name: "reset_outbox_failed", help: "Emails the outbox gave up on (permanent failure or attempts exhausted).", registers }),
    openTickets: new Gauge({ name: "reset_tickets_open", help: "Tickets not yet closed, by status.", labelNames: ["status"] as const, registers }),
    auditUncovered: new Gauge({ name: "reset_audit_events_uncovered", help: "Audit events not yet covered by a signed checkpoint.", registers }),
    webhookPending: new Gauge({ name: "reset_webhook_deliveries_pending", help: "Webhook deliveries waiting (pending or being sent).", registers }),
    webhookOldest: new Gauge({ name: "reset_webhook_oldest_pending_age_seconds", help: "Age of the oldest waiting webhook delivery; 0 when none.", registers }),
    webhookFailed: new Gauge({
      name: "reset_webhook_deliveries_failed",
      help: "Webhook deliveries given up on (attempts exhausted or endpoint removed).",
      registers,
    }),
    scrapeErrors: new Counter({ name: "reset_metrics_scrape_errors_total", help: "Scrapes whose database read failed.", registers }),
  };
}

export type Metrics = ReturnType<typeof build>;

// One registry per process, whichever bundle (route, action, instrumentation) imports this module.
const KEY = Symbol.for("reset-console.metrics");
type WithMetrics = typeof globalThis & { [KEY]?: Metrics };

/** The process's metrics: counters and histograms to record into, gauges the scrape fills. */
export function metrics(): Metrics {
  const global = globalThis as WithMetrics;
  return (global[KEY] ??= build());
}

/** How long since `startedAt` (performance.now()), in seconds. */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
