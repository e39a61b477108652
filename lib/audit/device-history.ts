import "server-only";
import type { Db } from "@/lib/db/client";
import type { DeviceStatus, Decision, IssueKind, TicketStatus } from "@/lib/generated/prisma/enums";
import { flaggedReasonCodes } from "@/lib/tickets/checks/read-checks";
import { describeAction } from "./describe-action";

/** The most recent tickets and events shown; the audit log page has the rest. */
const HISTORY_LIMIT = 200;

export type DeviceHistory = {
  serial: string;
  device: {
    model: string;
    status: DeviceStatus;
    statusReason: string | null;
    ownerName: string | null;
    ownerEmail: string | null;
    ownerSince: Date | null;
    ownerSource: string | null;
  } | null;
  tickets: {
    id: string;
    number: number;
    createdAt: Date;
    status: TicketStatus;
    decision: Decision;
    customerName: string;
    customerEmail: string;
    createdByName: string;
    flagged: string[];
  }[];
  issues: { id: string; ticketId: string; ticketNumber: number; kind: IssueKind; destination: string; issuedAt: Date; actorName: string }[];
  events: { seq: string; at: Date; actorLabel: string; action: string; words: string; ticketId: string | null; details: unknown }[];
};

/** Everything that ever happened to one recorder: its registry entry, tickets, code issues and audit events. */
export async function deviceHistory(options: { db: Db; serial: string; excludeTicketId?: string }): Promise<DeviceHistory> {
  const { db, serial } = options;
  const notThis = options.excludeTicketId ? { id: { not: options.excludeTicketId } } : {};
  const [device, tickets, issues, events] = await Promise.all([
    db.device.findUnique({ where: { serial }, include: { owner: { select: { name: true, email: true } } } }),
    db.ticket.findMany({
      where: { serial, ...notThis },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
      select: {
        id: true,
        number: true,
        createdAt: true,
        status: true,
        decision: true,
        customerName: true,
        customerEmail: true,
        checks: true,
        createdBy: { select: { name: true } },
      },
    }),
    db.codeIssue.findMany({
      where: { ticket: { serial } },
      orderBy: { issuedAt: "desc" },
      take: HISTORY_LIMIT,
      select: {
        id: true,
        ticketId: true,
        kind: true,
        destination: true,
        issuedAt: true,
        ticket: { select: { number: true } },
        actor: { select: { name: true } },
      },
    }),
    db.auditEvent.findMany({
      where: { serial },
      orderBy: { seq: "desc" },
      take: HISTORY_LIMIT,
      select: { seq: true, at: true, actorLabel: true, action: true, ticketId: true, details: true },
    }),
  ]);
  return {
    serial,
    device: device
      ? {
          model: device.model,
          status: device.status,
          statusReason: device.statusReason,
          ownerName: device.owner?.name ?? null,
          ownerEmail: device.owner?.email ?? null,
          ownerSince: device.ownerSince,
          ownerSource: device.ownerSource,
        }
      : null,
    tickets: tickets.map(({ checks, createdBy, ...t }) => ({ ...t, createdByName: createdBy.name, flagged: flaggedReasonCodes(checks) })),
    issues: issues.map(({ ticket, actor, ...i }) => ({ ...i, ticketNumber: ticket.number, actorName: actor.name })),
    events: events.map((e) => ({ ...e, seq: e.seq.toString(), words: describeAction(e.action) })),
  };
}
