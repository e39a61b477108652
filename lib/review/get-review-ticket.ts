import "server-only";
import type { Channel, Decision, TicketStatus } from "@/lib/generated/prisma/enums";
import { readChecks } from "@/lib/tickets/checks/read-checks";
import type { CheckResult } from "@/lib/tickets/checks/types";
import { deviceHistory, type DeviceHistory } from "@/lib/audit/device-history";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { rp1Scheme, type SchemeFieldDescription } from "@/lib/reset-protocol";
import { listApprovals, type ApprovalView } from "./list-approvals";

export type ReviewTicket = {
  id: string;
  number: number;
  status: TicketStatus;
  decision: Decision;
  createdAt: Date;
  expiresAt: Date | null;
  createdById: string;
  assigneeId: string | null;
  createdByName: string;
  customer: { name: string; email: string; phone: string | null; channel: Channel };
  notes: string | null;
  serial: string | null;
  /** The challenge text exactly as the agent submitted it (pasted or decoded from the photo). */
  rawChallenge: string | null;
  checks: CheckResult[];
  challenge: { fields: readonly SchemeFieldDescription[] | null; recorderTime: Date; firstSeenAt: Date; keyVersion: number; clockSkewSeconds: number } | null;
  approvedDestination: string | null;
  approvals: ApprovalView[];
  history: DeviceHistory | null;
};

/** Everything a supervisor needs to decide one ticket: checks, customer, challenge, clock skew, device history. */
export async function getReviewTicket(options: { db: Db; ticketId: string }): Promise<ReviewTicket> {
  const { db, ticketId } = options;
  const ticket = await db.ticket.findUnique({
    where: { id: ticketId },
    include: { createdBy: { select: { name: true } }, challenge: true },
  });
  if (!ticket) throw new AppError("NOT_FOUND");
  const [approvals, history] = await Promise.all([
    listApprovals({ db, ticketId }),
    ticket.serial ? deviceHistory({ db, serial: ticket.serial, excludeTicketId: ticket.id }) : Promise.resolve(null),
  ]);
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    decision: ticket.decision,
    createdAt: ticket.createdAt,
    expiresAt: ticket.expiresAt,
    createdById: ticket.createdById,
    assigneeId: ticket.assigneeId,
    createdByName: ticket.createdBy.name,
    customer: { name: ticket.customerName, email: ticket.customerEmail, phone: ticket.customerPhone, channel: ticket.channel },
    notes: ticket.notes,
    serial: ticket.serial,
    rawChallenge: ticket.rawChallenge,
    checks: readChecks(ticket.checks),
    challenge: ticket.challenge
      ? {
          fields: describeStored(ticket.challenge.text),
          recorderTime: ticket.challenge.recorderTime,
          firstSeenAt: ticket.challenge.firstSeenAt,
          keyVersion: ticket.challenge.keyVersion,
          // Positive: the recorder's clock is ahead of ours.
          clockSkewSeconds: Math.round((ticket.challenge.recorderTime.getTime() - ticket.challenge.firstSeenAt.getTime()) / 1000),
        }
      : null,
    approvedDestination: ticket.approvedDestination,
    approvals,
    history,
  };
}

function describeStored(text: string): readonly SchemeFieldDescription[] | null {
  const parsed = rp1Scheme.parse(text);
  // Stored text failed to parse: show what the columns hold instead of failing the page.
  return parsed.ok ? rp1Scheme.describe(parsed.challenge) : null;
}
