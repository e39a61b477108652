import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/outbox/enqueue-email";
import { maskEmail } from "@/lib/privacy/mask-email";
import { getSettings } from "@/lib/settings/get-settings";
import { actingScope, type TicketActor } from "./ticket-actor";

const HOUR_MS = 3_600_000;

/**
 * Sends the same code again (RP1 is deterministic) to the same address as the first issue,
 * while the challenge lives, a few times an hour at most. Every resend is recorded.
 */
export async function resendCode(options: { db: Db; actor: TicketActor; ticketId: string; now?: Date }) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  const settings = await getSettings({ db });
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: { id: options.ticketId, ...actingScope(actor) }, include: { codeIssues: { orderBy: { issuedAt: "asc" } } } });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket, or it is not yours to act on.");
    const first = ticket.codeIssues.find((i) => i.kind === "FIRST");
    if (ticket.status !== "SENT" || !first || !ticket.challengeId) throw new AppError("INVALID_STATE", "Nothing was sent on this ticket yet.");
    if (!ticket.expiresAt || ticket.expiresAt <= now) throw new AppError("INVALID_STATE", "The QR code has expired. Ask the customer for a new one.");
    // Lock the ticket row so two resends at once cannot both pass the rate limit.
    await tx.$queryRaw`SELECT "id" FROM "Ticket" WHERE "id" = ${ticket.id}::uuid FOR UPDATE`;
    const recent = await tx.codeIssue.count({ where: { ticketId: ticket.id, kind: "RESEND", issuedAt: { gt: new Date(now.getTime() - HOUR_MS) } } });
    if (recent >= settings.maxResendsPerTicketPerHour) {
      throw new AppError("RATE_LIMITED", `The code was resent ${recent} times in the last hour. Wait before sending it again.`);
    }
    const issue = await tx.codeIssue.create({ data: { ticketId: ticket.id, kind: "RESEND", destination: first.destination, actorId: actor.id, issuedAt: now } });
    const outbox = await enqueueEmail(tx, {
      kind: "RESET_CODE",
      to: first.destination,
      payload: { ticketId: ticket.id, challengeId: ticket.challengeId, codeIssueId: issue.id },
      idempotencyKey: `code-issue:${issue.id}`,
      ticketId: ticket.id,
    });
    await tx.codeIssue.update({ where: { id: issue.id }, data: { outboxId: outbox.id } });
    await recordAudit(tx, {
      actor: { id: actor.id, label: actor.label },
      ip: actor.ip,
      ticketId: ticket.id,
      serial: ticket.serial,
      action: "code.resent",
      details: { codeIssueId: issue.id, kind: "RESEND", destination: maskEmail(first.destination) },
    });
    return { codeIssueId: issue.id };
  });
}
