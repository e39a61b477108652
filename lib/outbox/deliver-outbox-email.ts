import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { Env } from "@/lib/env";
import type { EmailBranding } from "@/lib/email/email-branding";
import { formatMailAddress, mailFrom } from "@/lib/email/mail-from";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { maskEmail } from "@/lib/privacy/mask-email";
import { redactText } from "@/lib/privacy/redact-text";
import type { ClaimedEmail } from "./claim-outbox-batch";
import { metrics } from "@/lib/metrics/metrics";
import { classifySendError, MAX_ERROR_LENGTH, redactSecrets } from "./classify-send-error";
import type { MailSink } from "./mail-sink";
import type { OutboxConfig } from "./outbox-config";
import { outboxMessageId } from "./outbox-message-id";
import { PermanentEmailError } from "./permanent-email-error";
import { renderOutboxEmail, type OutboxMessage } from "./render-outbox-email";
import { retryDelay } from "./retry-delay";

export const OUTBOX_ACTOR: AuditActor = { id: null, label: "outbox worker" };

/** sent: delivered and recorded; retry/failed: recorded; lost: another worker owns the row now. */
export type DeliveryOutcome = "sent" | "retry" | "failed" | "lost";

export type DeliverOptions = {
  db: Db;
  email: ClaimedEmail;
  workerId: string;
  sink: Exclude<MailSink, { kind: "none" }>;
  config: OutboxConfig;
  settings: EmailBranding;
  now?: () => Date;
  random?: () => number;
  /** MAIL_FROM override (tests); the configured one otherwise. */
  env?: Pick<Env, "MAIL_FROM">;
};

/**
 * Delivers one claimed row: render (deriving any secret now), re-confirm the claim, send, then
 * record the outcome and its audit event in one transaction that only applies while this worker
 * still holds the row (docs/email-delivery.md).
 *
 * Guarantee: each row is delivered at least once and its outcome recorded exactly once.
 * Exactly-once delivery is impossible across a crash between the relay accepting the message and
 * the SENT write: the lease then expires and another worker sends it again, with the same
 * deterministic Message-ID, so the duplicate is recognisable by the receiving side. Two live
 * workers never both send a row: claims use FOR UPDATE SKIP LOCKED plus a lease, the claim is
 * re-confirmed just before sending, and SMTP timeouts end a send long before the lease does.
 */
export async function deliverOutboxEmail(options: DeliverOptions): Promise<DeliveryOutcome> {
  const { db, email, config } = options;
  const now = options.now ?? (() => new Date());
  if (email.attempts > config.maxAttempts) {
    // Only reachable when workers died mid-send again and again: stop rather than loop forever.
    return recordFailure(options, { permanent: true, summary: "gave up: attempts exhausted by interrupted sends" }, []);
  }
  let message: OutboxMessage;
  try {
    message = await renderOutboxEmail({ db, email, now: now(), settings: options.settings });
  } catch (error) {
    const permanent = error instanceof PermanentEmailError;
    const summary = `render: ${error instanceof Error ? error.message : String(error)}`.slice(0, MAX_ERROR_LENGTH);
    return recordFailure(options, { permanent, summary }, []);
  }
  // Right before sending, confirm the claim and renew the lease, so a row whose lease ran out
  // while earlier rows of the batch were sent is not sent here when another worker took it.
  const renewed = await db.outboxEmail.updateMany({
    where: { id: email.id, lockedBy: options.workerId, status: "SENDING" },
    data: { lockedUntil: new Date(now().getTime() + config.leaseMs) },
  });
  if (renewed.count === 0) return "lost";

  const from = mailFrom({ settings: options.settings, env: options.env });
  const messageId = outboxMessageId({ outboxId: email.id, senderAddress: from.address });
  if (options.sink.kind === "smtp") {
    try {
      await options.sink.transport.sendMail({
        from,
        to: email.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
        headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All", ...message.headers },
      });
    } catch (error) {
      const failure = classifySendError(error);
      metrics().sendFailures.inc({ class: failure.permanent ? "permanent" : "transient" });
      return recordFailure(options, failure, message.secrets);
    }
  }
  const recorded = await recordSent(options, { message, messageId, from: formatMailAddress(from) });
  if (!recorded) {
    outboxLog(options).warn({ messageId }, "outbox: sent, but another worker took the row over meanwhile; a duplicate with that Message-ID is possible");
    return "lost";
  }
  metrics().emailsSent.inc();
  outboxLog(options).info({ messageId, sink: options.sink.kind }, options.sink.kind === "devmail" ? "outbox: sent into the dev mailbox" : "outbox: sent");
  return "sent";
}

/** SENT, the dev mailbox copy and the audit event together, only while this worker holds the row. */
async function recordSent(options: DeliverOptions, sent: { message: OutboxMessage; messageId: string; from: string }): Promise<boolean> {
  const { db, email } = options;
  const { message, messageId } = sent;
  const now = options.now ?? (() => new Date());
  try {
    return await db.$transaction(async (tx) => {
      const sentAt = now();
      const marked = await tx.outboxEmail.updateMany({
        where: { id: email.id, lockedBy: options.workerId, status: "SENDING" },
        data: { status: "SENT", messageId, sentAt, lockedBy: null, lockedUntil: null, lastError: null },
      });
      if (marked.count === 0) return false;
      if (options.sink.kind === "devmail") {
        await tx.devMail.create({
          data: { kind: email.kind, to: email.to, from: sent.from, subject: message.subject, text: message.text, html: message.html },
        });
      }
      if (email.kind === "RESET_CODE" && email.ticketId) {
        await tx.ticket.updateMany({ where: { id: email.ticketId, firstSentAt: null }, data: { firstSentAt: sentAt } });
      }
      await audit(tx, options, "email.sent", { messageId, captured: options.sink.kind === "devmail" });
      return true;
    });
  } catch (error) {
    // A database error may quote the values it was given (the dev mailbox body holds the code).
    throw new Error(redactSecrets(error instanceof Error ? error.message : String(error), message.secrets).slice(0, MAX_ERROR_LENGTH));
  }
}

/** Lines about one row: its id, kind, masked recipient, attempt and the worker; never the address or body. */
function outboxLog({ email, workerId }: DeliverOptions) {
  return logger({ component: "outbox", workerId, outboxId: email.id, kind: email.kind, recipient: maskEmail(email.to), attempt: email.attempts });
}

async function audit(tx: Prisma.TransactionClient, options: DeliverOptions, action: string, extra: Record<string, string | number | boolean | null>) {
  const { email } = options;
  await recordAudit(tx, {
    actor: OUTBOX_ACTOR,
    action,
    ticketId: email.ticketId,
    details: { outboxId: email.id, kind: email.kind, to: maskEmail(email.to), attempt: email.attempts, worker: options.workerId, ...extra },
  });
}

async function recordFailure(options: DeliverOptions, failure: { permanent: boolean; summary: string }, secrets: readonly string[]): Promise<DeliveryOutcome> {
  const { db, email, config } = options;
  const now = options.now ?? (() => new Date());
  const lastError = redactSecrets(failure.summary, secrets).slice(0, MAX_ERROR_LENGTH);
  const final = failure.permanent || email.attempts >= config.maxAttempts;
  const at = now();
  const nextAttemptAt = new Date(
    at.getTime() + retryDelay({ attempt: email.attempts, baseMs: config.backoffBaseMs, capMs: config.backoffCapMs, random: options.random }),
  );
  const recorded = await db.$transaction(async (tx) => {
    const marked = await tx.outboxEmail.updateMany({
      where: { id: email.id, lockedBy: options.workerId, status: "SENDING" },
      data: final
        ? { status: "FAILED", lastError, lockedBy: null, lockedUntil: null }
        : { status: "PENDING", lastError, nextAttemptAt, lockedBy: null, lockedUntil: null },
    });
    if (marked.count === 0) return false;
    await audit(
      tx,
      options,
      final ? "email.failed" : "email.retry_scheduled",
      final ? { error: lastError } : { error: lastError, nextAttemptAt: nextAttemptAt.toISOString() },
    );
    return true;
  });
  if (!recorded) return "lost";
  // The relay's words may quote the recipient: scrubbed again for the log.
  const log = outboxLog(options).child({ maxAttempts: config.maxAttempts, lastError: redactText(lastError) });
  if (final) log.error("outbox: failed for good");
  else log.warn({ nextAttemptAt: nextAttemptAt.toISOString() }, "outbox: will retry");
  return final ? "failed" : "retry";
}
