import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { masterKeys } from "@/lib/keys/master-keys";
import { rp1Scheme, type MasterKeys } from "@/lib/reset-protocol";
import { getSettings } from "@/lib/settings/get-settings";
import { HOUR_MS } from "@/lib/time";
import { recordCodeIssue } from "./record-code-issue";
import { actingScope, canSendCode, loadSendFacts, type TicketActor } from "./rules";

/**
 * Issues the code: records who sent it where, and queues the email in the same transaction.
 * The code itself is derived only when the email is rendered, so it is never stored, logged or
 * shown here. The registry is re-checked now (canSendCode), since it may have changed since the
 * decision.
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
    const [issuesLastHour, settings] = await Promise.all([
      tx.codeIssue.count({ where: { kind: "FIRST", issuedAt: { gte: new Date(now.getTime() - HOUR_MS) }, actorId: actor.id } }),
      getSettings({ db: tx }),
    ]);
    const verdict = canSendCode((await loadSendFacts(tx, ticket.id))!, {
      stage: "issue",
      actorId: actor.id,
      keyVersions: keys.versions,
      now,
      senderVelocity: { issuesLastHour, limit: settings.maxIssuesPerAgentPerHour },
    });
    if (!verdict.ok) throw new AppError(verdict.error, verdict.message);
    const owner = ticket.device!.owner!;
    const parsed = rp1Scheme.parse(ticket.challenge!.text);
    if (!parsed.ok || !rp1Scheme.verify({ challenge: parsed.challenge, keys }).ok) {
      throw new AppError("INVALID_STATE", "The challenge no longer verifies under a configured key.");
    }
    let destination = ticket.approvedDestination;
    if (!destination) {
      // Without a supervisor's approval the code goes only to the recorder's own reserved email.
      const match = rp1Scheme.verifyEmail({ challenge: parsed.challenge, keys, email: owner.email });
      if (!match.ok || !match.matches) {
        throw new AppError("INVALID_STATE", "The owner of record changed and no longer matches the recorder. A supervisor must review this ticket.");
      }
      destination = owner.email;
    }

    const claimed = await tx.ticket.updateMany({ where: { id: ticket.id, status: ticket.status }, data: { status: "SENT", firstSentAt: now } });
    if (claimed.count !== 1) throw new AppError("CONFLICT");
    const issue = await recordCodeIssue(tx, {
      actor,
      ticket: { id: ticket.id, serial: ticket.serial, challengeId: ticket.challenge!.id },
      kind: "FIRST",
      destination,
      now,
      details: { approvedDestination: ticket.approvedDestination != null },
    });
    return { codeIssueId: issue.id, destination };
  });
}
