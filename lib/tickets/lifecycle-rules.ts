import type { Prisma } from "@/lib/generated/prisma/client";
import type { EscalationKind, Resolution, TicketStatus } from "@/lib/generated/prisma/enums";
import { CODE_VALIDITY_MS } from "@/lib/reset-protocol/client";
import type { CheckResult } from "./checks/types";

// Every rule of the ticket lifecycle (resolve, reopen, expire, escalate) and what the agent is
// told to say, in one place: the domain functions, the pages and the scheduler all call these.

/** Waiting for someone to act: the queue's "open". */
export const OPEN_STATUSES = ["READY", "REVIEW", "APPROVED", "NEEDS_PHOTO"] as const satisfies readonly TicketStatus[];

export function isOpenStatus(status: string): status is (typeof OPEN_STATUSES)[number] {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}
/** Statuses the scheduler moves to EXPIRED once the QR code or the code it produced has lapsed. */
export const EXPIRABLE_STATUSES = ["READY", "REVIEW", "APPROVED", "SENT"] as const satisfies readonly TicketStatus[];

export const RESOLUTION_LABELS: Record<Resolution, string> = {
  CONFIRMED: "Reset confirmed by the customer",
  UNREACHABLE: "Customer unreachable",
  DUPLICATE: "Duplicate of RT-…",
  REFUSED: "Refused",
  OTHER: "Other",
};
export const RESOLUTIONS = Object.keys(RESOLUTION_LABELS) as Resolution[];

/** What the agent asks for next on an expired ticket. */
export const EXPIRED_NEXT_STEP = "Ask the customer for a new photo of the QR code: the old one has expired";
/** What the agent says about a stolen or blocked recorder: never the registry's reason. */
export const VERIFY_OWNERSHIP_SCRIPT = "We need to verify ownership of this recorder before we can reset it. A colleague will get back to you.";

export type LifecycleTicket = {
  status: TicketStatus;
  firstSentAt: Date | null;
  escalatedAt: Date | null;
};

/** Why this ticket cannot be resolved with this outcome, or null when it can. */
export function resolveRefusal(ticket: LifecycleTicket, outcome: Resolution): string | null {
  if (ticket.status === "RESOLVED") return "This ticket is already resolved. Reopen it first.";
  if (ticket.escalatedAt) return "This ticket is escalated: a supervisor closes the escalation first.";
  if (outcome === "CONFIRMED" && !ticket.firstSentAt) return "No code was sent on this ticket, so the customer cannot have confirmed a reset.";
  return null;
}

/** Why this ticket cannot be reopened, or null when it can. */
export function reopenRefusal(ticket: Pick<LifecycleTicket, "status">): string | null {
  return ticket.status === "RESOLVED" ? null : "Only a resolved ticket can be reopened.";
}

/**
 * Where a reopen takes a ticket: back to the status it had when resolved, or EXPIRED when that
 * status could lapse and has lapsed meanwhile (so a reopen never revives a dead QR code).
 */
export function reopenStatus(ticket: { resolvedFrom: TicketStatus | null } & LapseFacts, now: Date): TicketStatus {
  const back = ticket.resolvedFrom ?? "READY";
  if (back === "RESOLVED") return "READY";
  return isExpirable(back) && hasLapsed(ticket, now) ? "EXPIRED" : back;
}

/** Why this ticket cannot be escalated, or null when it can. */
export function escalateRefusal(ticket: LifecycleTicket): string | null {
  if (ticket.escalatedAt) return "This ticket is already escalated.";
  if (ticket.status === "RESOLVED") return "This ticket is resolved. Reopen it first.";
  return null;
}

/** The escalation's kind, from the registry's status (as checked) or else the ticket's checks. */
export function escalationKind(checks: readonly Pick<CheckResult, "id">[], deviceStatus: string | null): EscalationKind {
  const ids = new Set(checks.map((c) => c.id));
  if (deviceStatus === "STOLEN" || ids.has("DEVICE_STOLEN")) return "STOLEN";
  if (deviceStatus === "BLOCKED" || ids.has("DEVICE_BLOCKED")) return "BLOCKED";
  return "CHECK";
}

export function isExpirable(status: TicketStatus): boolean {
  return (EXPIRABLE_STATUSES as readonly TicketStatus[]).includes(status);
}

/** What decides when a ticket lapses: its challenge's lifetime, and the code's 24 h window. */
export type LapseFacts = { expiresAt: Date | null; challenge: { firstSeenAt: Date } | null };

/**
 * When the ticket's QR code (challenge) or the code it produced stops working: the challenge's
 * lifetime (expiresAt), and at the latest 24 h after the console first saw it, since the recorder
 * made it before then and accepts a code for 24 h (its own clock may be skewed, so the recorder
 * time is no deadline). Null: nothing to lapse (no genuine challenge, no lifetime).
 */
export function lapsesAt(ticket: LapseFacts): Date | null {
  const times = [ticket.expiresAt?.getTime(), ticket.challenge ? ticket.challenge.firstSeenAt.getTime() + CODE_VALIDITY_MS : undefined];
  const known = times.filter((t): t is number => t !== undefined);
  return known.length ? new Date(Math.min(...known)) : null;
}

export function hasLapsed(ticket: LapseFacts, now: Date): boolean {
  const at = lapsesAt(ticket);
  return at !== null && at.getTime() <= now.getTime();
}

/** The same rule as hasLapsed, as a query: expirable tickets that have lapsed at `now`. */
export function lapsedWhere(now: Date): Prisma.TicketWhereInput {
  return {
    status: { in: [...EXPIRABLE_STATUSES] },
    OR: [{ expiresAt: { lte: now } }, { challenge: { firstSeenAt: { lte: new Date(now.getTime() - CODE_VALIDITY_MS) } } }],
  };
}

/**
 * What the agent tells the customer next, or null when the page's own controls say it. A stolen
 * or blocked recorder is never named to the requester: they may be the thief.
 */
export function customerGuidance(ticket: { status: TicketStatus; checks: readonly Pick<CheckResult, "id">[]; deviceStatus: string | null }): string | null {
  const kind = escalationKind(ticket.checks, ticket.deviceStatus);
  if (kind !== "CHECK" && ticket.status !== "RESOLVED") return `Tell the customer: "${VERIFY_OWNERSHIP_SCRIPT}" Escalate the ticket to a supervisor.`;
  if (ticket.status === "EXPIRED") return EXPIRED_NEXT_STEP;
  if (ticket.status === "REFUSED") return "No code can be issued on this ticket. Explain the next step using the reasons above.";
  return null;
}

/** The one thing to do next on a ticket, as the page's top bar says it; `href` leads to where it is done. */
export type NextAction = { text: string; href: string | null; kind: "act" | "wait" | "done" };

/**
 * What the viewer does next, from the ticket's state and what the server will allow them (the
 * send verdict comes from canSendCode, acting from canActOnTicket: nothing is re-derived here).
 */
export function nextAction(ticket: {
  id: string;
  status: TicketStatus;
  escalatedAt: Date | null;
  createdById: string;
  checks: readonly Pick<CheckResult, "id">[];
  deviceStatus: string | null;
  viewer: { id: string; supervisor: boolean; canAct: boolean; canSend: boolean };
}): NextAction {
  const { viewer } = ticket;
  if (ticket.escalatedAt) {
    return viewer.supervisor
      ? { text: "Handle the escalation", href: "/escalations", kind: "act" }
      : { text: "Waiting for a supervisor: the ticket is escalated", href: null, kind: "wait" };
  }
  switch (ticket.status) {
    case "REVIEW":
      return viewer.supervisor && ticket.createdById !== viewer.id
        ? { text: "Review the request and decide", href: `/review/${ticket.id}`, kind: "act" }
        : { text: "Waiting for a supervisor's decision", href: null, kind: "wait" };
    case "READY":
    case "APPROVED":
      if (!viewer.canAct) return { text: "Take the ticket to act on it (t)", href: null, kind: "act" };
      return viewer.canSend
        ? { text: "Send the code to the owner of record (s)", href: "#security-code", kind: "act" }
        : { text: "Someone else must send the code", href: "#security-code", kind: "wait" };
    case "SENT":
      return { text: "When the customer confirms the reset, resolve the ticket", href: "#lifecycle", kind: "act" };
    case "REFUSED":
      return escalationKind(ticket.checks, ticket.deviceStatus) === "CHECK"
        ? { text: "Tell the customer why no code can be sent, then resolve the ticket", href: "#lifecycle", kind: "act" }
        : { text: "Escalate to a supervisor; tell the customer only that ownership must be verified", href: "#lifecycle", kind: "act" };
    case "EXPIRED":
      return { text: "Ask the customer for a new photo of the QR code, on a new ticket", href: `/tickets/new?from=${ticket.id}`, kind: "act" };
    case "RESOLVED":
      return { text: "Resolved: reopen it if the customer comes back", href: "#lifecycle", kind: "done" };
    case "NEEDS_PHOTO":
      return { text: "No QR code could be read in the email: reply asking for a clearer photo", href: "#email-thread", kind: "act" };
  }
}
