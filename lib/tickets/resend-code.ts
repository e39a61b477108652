import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { masterKeys } from "@/lib/keys/master-keys";
import type { MasterKeys } from "@/lib/reset-protocol";
import { getSettings } from "@/lib/settings/get-settings";
import { HOUR_MS } from "@/lib/time";
import { recordCodeIssue } from "./record-code-issue";
import { actingScope, canSendCode, loadSendFacts, type TicketActor } from "./rules";

/**
 * When the next resend of a ticket is allowed, given its resends (oldest first): null for now,
 * "never" when the settings allow none.
 */
export function nextResendAt(resends: readonly Date[], maxPerHour: number, now: Date): Date | "never" | null {
  if (maxPerHour <= 0) return "never";
  const inWindow = resends.filter((at) => at.getTime() > now.getTime() - HOUR_MS);
  if (inWindow.length < maxPerHour) return null;
  return new Date(inWindow[inWindow.length - maxPerHour]!.getTime() + HOUR_MS);
}

/**
 * Sends the same code again (RP1 is deterministic) to the same address as the first issue,
 * while the challenge lives and the send rule (canSendCode) allows it, a few times an hour at
 * most. Every resend is recorded.
 */
export async function resendCode(options: { db: Db; actor: TicketActor; ticketId: string; now?: Date; keys?: MasterKeys }) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  const settings = await getSettings({ db });
  return db.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({
      where: { id: options.ticketId, ...actingScope(actor) },
      include: { codeIssues: { orderBy: { issuedAt: "asc" } } },
    });
    if (!ticket) throw new AppError("NOT_FOUND", "No such ticket, or it is not yours to act on.");
    const verdict = canSendCode((await loadSendFacts(tx, ticket.id))!, {
      stage: "resend",
      actorId: actor.id,
      keyVersions: (options.keys ?? masterKeys()).versions,
      now,
    });
    if (!verdict.ok) throw new AppError(verdict.error, verdict.message);
    const first = ticket.codeIssues.find((i) => i.kind === "FIRST")!;
    // Lock the ticket row so two resends at once cannot both pass the rate limit.
    await tx.$queryRaw`SELECT "id" FROM "Ticket" WHERE "id" = ${ticket.id}::uuid FOR UPDATE`;
    const recent = await tx.codeIssue.findMany({
      where: { ticketId: ticket.id, kind: "RESEND", issuedAt: { gt: new Date(now.getTime() - HOUR_MS) } },
      orderBy: { issuedAt: "asc" },
      select: { issuedAt: true },
    });
    const allowedAt = nextResendAt(
      recent.map((r) => r.issuedAt),
      settings.maxResendsPerTicketPerHour,
      now,
    );
    if (allowedAt === "never") throw new AppError("RATE_LIMITED", "Resending is switched off in the settings.");
    if (allowedAt) {
      throw new AppError(
        "RATE_LIMITED",
        `The code was resent ${recent.length} times in the last hour. It can be sent again at ${allowedAt.toISOString().slice(11, 16)} UTC.`,
      );
    }
    const issue = await recordCodeIssue(tx, {
      actor,
      ticket: { id: ticket.id, serial: ticket.serial, challengeId: ticket.challengeId! },
      kind: "RESEND",
      destination: first.destination,
      now,
    });
    return { codeIssueId: issue.id };
  });
}
