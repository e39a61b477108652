import "server-only";
import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { explainLinkProblem } from "@/lib/guidance/link-problems";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { masterKeys } from "@/lib/keys/master-keys";
import { metrics } from "@/lib/metrics/metrics";
import { maskEmail } from "@/lib/privacy/mask-email";
import { rp1Scheme, type MasterKeys } from "@/lib/reset-protocol";
import { getSettings } from "@/lib/settings/get-settings";
import { HOUR_MS } from "@/lib/time";
import type { NewTicketInput } from "@/lib/validation/tickets";
import { emitTicketEvent } from "@/lib/webhooks/emit-ticket-event";
import { evaluateChecks } from "./checks/evaluate-checks";
import { gatherFacts } from "./gather-facts";
import type { TicketActor } from "./rules";

const STATUS_FOR: Record<"ISSUE" | "REVIEW" | "REFUSE", TicketStatus> = { ISSUE: "READY", REVIEW: "REVIEW", REFUSE: "REFUSED" };

/**
 * Opens a ticket: parses the challenge, runs every check and records the decision with all its
 * reasons. An unreadable challenge is the agent's input error (nothing is written); a forged one
 * is recorded and refused, because it is evidence. The code is not derived here.
 */
export async function createTicket(options: {
  db: Db;
  actor: TicketActor;
  input: NewTicketInput;
  now?: Date;
  keys?: MasterKeys;
  /** Who handles it; default the actor. null: the team's unassigned queue (tickets opened from email). */
  assigneeId?: string | null;
  /** More writes in the ticket's own transaction (the inbound email row): they commit or roll back with it. */
  within?: (tx: Prisma.TransactionClient, ticket: { id: string; number: number; serial: string | null }) => Promise<void>;
}) {
  const { db, actor, input } = options;
  const now = options.now ?? new Date();
  const keys = options.keys ?? masterKeys();
  const parsed = rp1Scheme.parse(input.challengeText);
  if (!parsed.ok) {
    throw new AppError("INVALID_INPUT", "The QR code could not be read as a reset request.", {
      challengeText: [explainLinkProblem(parsed.error.reason).message],
    });
  }
  const { challenge } = parsed;
  const summary = rp1Scheme.summarize(challenge);
  const genuine = rp1Scheme.verify({ challenge, keys }).ok;
  const settings = await getSettings({ db });

  const { ticket, decision, checks } = await db.$transaction(async (tx) => {
    // Only genuine challenges get a first-seen record: a forgery must not claim a nonce.
    let challengeRow: { id: string; firstSeenAt: Date } | null = null;
    if (genuine) {
      const key = { serial: summary.serial, nonce: summary.nonce };
      // The stored text is what the outbox parses again at send time.
      await tx.challenge.createMany({
        data: [{ ...key, text: rp1Scheme.serialize(challenge), keyVersion: summary.keyVersion, recorderTime: summary.recorderTime, firstSeenAt: now }],
        skipDuplicates: true,
      });
      challengeRow = await tx.challenge.findUniqueOrThrow({ where: { serial_nonce: key }, select: { id: true, firstSeenAt: true } });
      // Tickets for one challenge are opened one at a time, so a second one always sees the first.
      await tx.$queryRaw`SELECT "id" FROM "Challenge" WHERE "id" = ${challengeRow.id}::uuid FOR UPDATE`;
    }
    const firstSeenAt = challengeRow?.firstSeenAt ?? now;
    const { facts, deviceId } = await gatherFacts({
      tx,
      challenge,
      keys,
      challengeId: challengeRow?.id ?? null,
      challengeFirstSeenAt: firstSeenAt,
      customerEmail: input.customerEmail,
      actorId: actor.id,
      now,
    });
    const { decision, checks } = evaluateChecks({ facts, limits: settings, now });

    const ticket = await tx.ticket.create({
      data: {
        customerName: input.customerName,
        customerEmail: input.customerEmail,
        customerPhone: input.customerPhone ?? null,
        channel: input.channel,
        notes: input.notes ?? null,
        status: STATUS_FOR[decision],
        decision,
        checks,
        challengeId: challengeRow?.id ?? null,
        deviceId,
        serial: summary.serial,
        rawChallenge: input.challengeText,
        createdById: actor.id,
        assigneeId: options.assigneeId === undefined ? actor.id : options.assigneeId,
        expiresAt: new Date(firstSeenAt.getTime() + settings.challengeLifetimeHours * HOUR_MS),
        decidedAt: now,
      },
    });
    const base = { actor: { id: actor.id, label: actor.label }, ip: actor.ip, ticketId: ticket.id, serial: summary.serial };
    await recordAudit(tx, {
      ...base,
      action: "ticket.created",
      // The pasted or decoded text the ticket was opened from is kept on the ticket (rawChallenge);
      // its hash here makes that evidence tamper-evident like an uploaded photo's.
      details: {
        number: ticket.number,
        channel: input.channel,
        customer: maskEmail(input.customerEmail),
        challengeSha256: createHash("sha256").update(input.challengeText).digest("hex"),
      },
    });
    await recordAudit(tx, { ...base, action: "ticket.checks_run", details: { results: checks.map((c) => `${c.id}:${c.outcome}`) } });
    await recordAudit(tx, { ...base, action: "ticket.decided", details: { decision, reasons: checks.filter((c) => c.outcome !== "pass").map((c) => c.id) } });
    const event = { ticket: { id: ticket.id, number: ticket.number, status: ticket.status, serial: ticket.serial } };
    await emitTicketEvent(tx, "ticket.created", { ...event, facts: { channel: input.channel } }, now);
    await emitTicketEvent(tx, "ticket.decided", { ...event, facts: { decision, decidedBy: "checks" } }, now);
    await options.within?.(tx, ticket);
    return { ticket, decision, checks };
  });
  // Counted once committed, so a retried transaction is not counted twice.
  const m = metrics();
  m.ticketsDecided.inc({ decision });
  for (const check of checks) if (check.outcome !== "pass") m.ticketReasons.inc({ reason: check.id, outcome: check.outcome });
  return ticket;
}
