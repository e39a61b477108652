import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { IssueKind } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueEmail } from "@/lib/outbox/enqueue-email";
import { maskEmail } from "@/lib/privacy/mask-email";
import { emitTicketEvent } from "@/lib/webhooks/emit-ticket-event";
import type { TicketActor } from "./rules";

/**
 * One issue of the code, inside the caller's transaction: the CodeIssue record (destination,
 * time, actor, the ticket's serial; never the code), its outbox email and the audit event, together or not at all.
 */
export async function recordCodeIssue(
  tx: Prisma.TransactionClient,
  options: {
    actor: TicketActor;
    ticket: { id: string; serial: string | null; challengeId: string };
    kind: IssueKind;
    destination: string;
    now: Date;
    details?: Record<string, boolean>;
  },
) {
  const { actor, ticket, destination } = options;
  const issue = await tx.codeIssue.create({
    data: { ticketId: ticket.id, serial: ticket.serial, kind: options.kind, destination, actorId: actor.id, issuedAt: options.now },
  });
  const outbox = await enqueueEmail(tx, {
    kind: "RESET_CODE",
    to: destination,
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
    action: options.kind === "FIRST" ? "code.issued" : "code.resent",
    details: { codeIssueId: issue.id, kind: options.kind, destination: maskEmail(destination), ...options.details },
  });
  await emitTicketEvent(tx, "ticket.sent", async () => {
    const row = await tx.ticket.findUniqueOrThrow({ where: { id: ticket.id }, select: { number: true, status: true } });
    // Where the code went stays out: the payload never holds the owner's address, nor the code.
    return { ticket: { id: ticket.id, number: row.number, status: row.status, serial: ticket.serial }, facts: { kind: options.kind, codeIssueId: issue.id } };
  });
  return issue;
}
