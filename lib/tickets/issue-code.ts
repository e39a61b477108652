import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { masterKeys } from "@/lib/keys/master-keys";
import { rp1Scheme, type MasterKeys } from "@/lib/reset-protocol";
import { recordCodeIssue } from "./record-code-issue";
import { actingScope, type TicketActor } from "./ticket-actor";

const SENDABLE = ["READY", "APPROVED"] as const;

/**
 * Issues the code: records who sent it where, and queues the email in the same transaction.
 * The code itself is derived only when the email is rendered, so it is never stored, logged or
 * shown here. The registry is re-checked now, since it may have changed since the decision.
 */
export async function issueCode(options: { db: Db; actor: TicketActor; ticketId: string; now?: Date; keys?: MasterKeys }) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  const keys = options.keys ?? masterKeys();
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: options.ticketId, ...actingScope(actor) },
      include: { challenge: true, device: { include: { owner: true } } },
    });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket, or it is not yours to act on.");
    if (ticket.status === "SENT") throw new AppError("INVALID_STATE", "The code was already sent. Use Resend to send the same code again.");
    if (!(SENDABLE as readonly string[]).includes(ticket.status)) {
      throw new AppError(
        "INVALID_STATE",
        ticket.status === "REVIEW"
          ? "This ticket waits for a supervisor's approval."
          : ticket.status === "EXPIRED"
            ? "The QR code has expired. Ask the customer for a new one."
            : ticket.status === "RESOLVED"
              ? "This ticket is resolved. Reopen it first."
              : "This ticket's decision does not allow a code.",
      );
    }
    if (ticket.status === "APPROVED") {
      // Four eyes: the supervisor who approved an exception cannot also be the one who sends it.
      const approval = await tx.approval.findFirst({
        where: { ticketId: ticket.id, decision: "APPROVE" },
        orderBy: { createdAt: "desc" },
        select: { supervisorId: true },
      });
      if (!approval || approval.supervisorId === actor.id) {
        throw new AppError("FORBIDDEN", "You approved this exception, so someone else (the ticket's agent) must send the code.");
      }
    }
    if (!ticket.challenge || !ticket.expiresAt || ticket.expiresAt <= now) {
      throw new AppError("INVALID_STATE", "The QR code has expired. Ask the customer for a new one.");
    }
    const device = ticket.device;
    if (!device || device.status !== "ACTIVE" || !device.owner) {
      throw new AppError("INVALID_STATE", "The recorder is no longer active or has no owner of record. Run the checks again on a new ticket.");
    }
    const parsed = rp1Scheme.parse(ticket.challenge.text);
    if (!parsed.ok || !rp1Scheme.verify({ challenge: parsed.challenge, keys }).ok)
      throw new AppError("INVALID_STATE", "The challenge no longer verifies under a configured key.");
    let destination = ticket.approvedDestination;
    if (!destination) {
      // Without a supervisor's approval the code goes only to the recorder's own reserved email.
      const match = rp1Scheme.verifyEmail({ challenge: parsed.challenge, keys, email: device.owner.email });
      if (!match.ok || !match.matches)
        throw new AppError("INVALID_STATE", "The owner of record changed and no longer matches the recorder. A supervisor must review this ticket.");
      destination = device.owner.email;
    }

    const claimed = await tx.ticket.updateMany({ where: { id: ticket.id, status: ticket.status }, data: { status: "SENT", firstSentAt: now } });
    if (claimed.count !== 1) throw new AppError("CONFLICT");
    const issue = await recordCodeIssue(tx, {
      actor,
      ticket: { id: ticket.id, serial: ticket.serial, challengeId: ticket.challenge.id },
      kind: "FIRST",
      destination,
      now,
      details: { approvedDestination: ticket.approvedDestination != null },
    });
    return { codeIssueId: issue.id, destination };
  });
}
