import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getSettings } from "@/lib/settings/get-settings";
import { HOUR_MS } from "@/lib/time";
import { recordCodeIssue } from "./record-code-issue";
import { actingScope, type TicketActor } from "./ticket-actor";

/**
 * Sends the same code again (RP1 is deterministic) to the same address as the first issue,
 * while the challenge lives, a few times an hour at most. Every resend is recorded.
 */
export async function resendCode(options: { db: Db; actor: TicketActor; ticketId: string; now?: Date }) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  const settings = await getSettings({ db });
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: options.ticketId, ...actingScope(actor) },
      include: { codeIssues: { orderBy: { issuedAt: "asc" } } },
    });
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
    const issue = await recordCodeIssue(tx, {
      actor,
      ticket: { id: ticket.id, serial: ticket.serial, challengeId: ticket.challengeId },
      kind: "RESEND",
      destination: first.destination,
      now,
    });
    return { codeIssueId: issue.id };
  });
}
