import type { Prisma } from "@/lib/generated/prisma/client";
import type { DeviceStatus, Role, TicketStatus } from "@/lib/generated/prisma/enums";
import type { ErrorCode } from "@/lib/errors";
import { isGranter, loadGranters } from "@/lib/users/privilege-rules";

// The ticket rules, each written once: who may see a ticket, who may act on it, and whether a
// code may be sent for it now. Actions, route handlers, pages, the outbox worker and the requeue
// all call these; none of them re-derives a rule. Each rule has a query form (a where clause, so
// a ticket outside it is never loaded) and a predicate form (for what is already loaded, and for
// the page to show only what the server will allow); rules.int.test.ts holds them to agreement.
// Browser-safe (no runtime import of the Prisma client): the live-update client filters with it.
// The raw-SQL form of the view scope, for the search, is in search/search-tickets.ts.

/** Who acts on a ticket, as the domain functions need it (from the session guard). */
export type TicketActor = { id: string; label: string; role: Role; ip: string | null };

type Scoped = { createdById: string; assigneeId: string | null };
type ActorRef = Pick<TicketActor, "id" | "role">;

/**
 * What a user may see: agents see the team's unassigned tickets and their own (opened or
 * assigned); supervisors and admins see all. Limits what one insider can browse.
 */
export function viewScope(actor: ActorRef): Prisma.TicketWhereInput {
  if (actor.role !== "AGENT") return {};
  return { OR: [{ createdById: actor.id }, { assigneeId: actor.id }, { assigneeId: null }] };
}

export function canViewTicket(ticket: Scoped, actor: ActorRef): boolean {
  return actor.role !== "AGENT" || ticket.createdById === actor.id || ticket.assigneeId === actor.id || ticket.assigneeId === null;
}

/**
 * Who may act (send, resend): agents on tickets they opened or were assigned; supervisors and
 * admins on any. Used inside the query (`where: { id, ...actingScope(actor) }`), so a ticket
 * outside it is never loaded.
 */
export function actingScope(actor: ActorRef): Prisma.TicketWhereInput {
  if (actor.role !== "AGENT") return {};
  return { OR: [{ createdById: actor.id }, { assigneeId: actor.id }] };
}

export function canActOnTicket(ticket: Scoped, actor: ActorRef): boolean {
  return actor.role !== "AGENT" || ticket.createdById === actor.id || ticket.assigneeId === actor.id;
}

/** The four moments a code can be sent: the first issue, a resend, a supervisor's requeue, the worker's delivery. */
export type SendStage = "issue" | "resend" | "requeue" | "deliver";

/** Everything the send rule looks at, loaded by `loadSendFacts` (or built by a test). */
export type SendFacts = {
  status: TicketStatus;
  /** When the challenge stops being issuable. */
  expiresAt: Date | null;
  /** The challenge the ticket holds (its key version), or null. */
  challenge: { keyVersion: number } | null;
  device: { status: DeviceStatus; hasOwner: boolean } | null;
  /** The supervisor who approved the exception (latest APPROVE), if any. */
  approverId: string | null;
  /** The admins who granted the approver's role in the cooling-off window (loadGranters): they never send what that approver approved. */
  approverGranterIds: string[];
  /** A code was issued on this ticket already (a FIRST code issue exists). */
  issued: boolean;
};

export type SendContext = {
  stage: SendStage;
  /** Who sends now; null for the outbox worker, which delivers what someone else issued. */
  actorId: string | null;
  /** The master key versions this console holds. */
  keyVersions: readonly number[];
  now: Date;
  /**
   * For a first issue: how many first codes the sender issued in the last hour, and the limit
   * (maxIssuesPerAgentPerHour). Counted at send time because the sender is not always who opened
   * the ticket (an emailed request is opened by the system). Omitted where no one sends (pages).
   */
  senderVelocity?: { issuesLastHour: number; limit: number };
};

export type SendRefusal =
  | "ALREADY_SENT"
  | "NOT_SENT_YET"
  | "IN_REVIEW"
  | "NOT_ALLOWED_BY_DECISION"
  | "SELF_APPROVED"
  | "GRANTER_SENDS"
  | "NO_CHALLENGE"
  | "EXPIRED"
  | "RECORDER_NOT_ACTIVE"
  | "NO_OWNER"
  | "UNKNOWN_KEY_VERSION"
  | "VELOCITY_AGENT"
  | "RESOLVED";

export type SendVerdict = { ok: true } | { ok: false; refusal: SendRefusal; error: ErrorCode; message: string };

const RECORDER_WORDS: Record<DeviceStatus, string> = { ACTIVE: "active", BLOCKED: "blocked", STOLEN: "reported stolen" };

function refuse(refusal: SendRefusal, error: ErrorCode, message: string): SendVerdict {
  return { ok: false, refusal, error, message };
}

/**
 * May a code be sent for this ticket now? Ticket status (a first issue needs READY or APPROVED,
 * anything later needs SENT; a resolved or expired ticket allows nothing), four eyes (the supervisor who approved an exception never sends
 * it, first time or again, and neither does an admin who granted that supervisor's role in the last 30 days), the challenge's lifetime (the worker is exempt: an email queued in
 * time is delivered), the recorder (registered, ACTIVE, with an owner of record) and the key
 * version (configured in this console). The first refusal that applies is returned, in words an
 * agent or supervisor can act on.
 */
export function canSendCode(facts: SendFacts, context: SendContext): SendVerdict {
  const { stage } = context;
  // The lifecycle's end states, worded the same at every stage but the worker's.
  if (stage !== "deliver" && facts.status === "RESOLVED") return refuse("RESOLVED", "INVALID_STATE", "This ticket is resolved. Reopen it first.");
  if (stage !== "deliver" && facts.status === "EXPIRED") return refuse("EXPIRED", "INVALID_STATE", "The QR code has expired. Ask the customer for a new one.");
  if (stage === "issue") {
    if (facts.status === "SENT") return refuse("ALREADY_SENT", "INVALID_STATE", "The code was already sent. Use Resend to send the same code again.");
    if (facts.status === "REVIEW") return refuse("IN_REVIEW", "INVALID_STATE", "This ticket waits for a supervisor's approval.");
    if (facts.status !== "READY" && facts.status !== "APPROVED")
      return refuse("NOT_ALLOWED_BY_DECISION", "INVALID_STATE", "This ticket's decision does not allow a code.");
  } else if (facts.status !== "SENT" || !facts.issued) {
    return stage === "resend"
      ? refuse("NOT_SENT_YET", "INVALID_STATE", "Nothing was sent on this ticket yet.")
      : refuse("NOT_ALLOWED_BY_DECISION", "INVALID_STATE", "The ticket no longer allows a code.");
  }
  // Four eyes: an exception needs a second person, so its approver cannot be the one who sends.
  if (stage === "issue" && facts.status === "APPROVED" && !facts.approverId) {
    return refuse("NOT_ALLOWED_BY_DECISION", "INVALID_STATE", "This ticket's approval is missing. A supervisor must review it again.");
  }
  if (context.actorId && facts.approverId === context.actorId) {
    return refuse("SELF_APPROVED", "FORBIDDEN", "You approved this exception, so someone else (the ticket's agent) must send the code.");
  }
  // One admin must not make the second pair of eyes: whoever granted the approver's role lately never sends what they approved.
  if (facts.approverId && isGranter(facts.approverGranterIds, context.actorId)) {
    return refuse(
      "GRANTER_SENDS",
      "FORBIDDEN",
      "You granted the approving supervisor's role recently, so someone else (the ticket's agent) must send the code.",
    );
  }
  if (!facts.challenge) return refuse("NO_CHALLENGE", "INVALID_STATE", "This ticket holds no valid QR code. Ask the customer for a new one.");
  if (stage !== "deliver" && (!facts.expiresAt || facts.expiresAt <= context.now)) {
    return refuse("EXPIRED", "INVALID_STATE", "The QR code has expired. Ask the customer for a new one.");
  }
  if (!facts.device) return refuse("RECORDER_NOT_ACTIVE", "INVALID_STATE", "The recorder is no longer registered: no code may be sent to it.");
  if (facts.device.status !== "ACTIVE") {
    return refuse("RECORDER_NOT_ACTIVE", "INVALID_STATE", `The recorder is ${RECORDER_WORDS[facts.device.status]}: no code may be sent to it.`);
  }
  if (!facts.device.hasOwner) return refuse("NO_OWNER", "INVALID_STATE", "The recorder has no owner of record. Run the checks again on a new ticket.");
  if (!context.keyVersions.includes(facts.challenge.keyVersion)) {
    return refuse("UNKNOWN_KEY_VERSION", "INVALID_STATE", "The challenge no longer verifies under a configured key.");
  }
  const velocity = stage === "issue" ? context.senderVelocity : undefined;
  if (velocity && velocity.issuesLastHour >= velocity.limit) {
    return refuse(
      "VELOCITY_AGENT",
      "FORBIDDEN",
      `You issued ${velocity.issuesLastHour} codes in the last hour (limit ${velocity.limit}). Another agent or a supervisor must send this one.`,
    );
  }
  return { ok: true };
}

/** The facts `canSendCode` needs, read in the caller's transaction. Null when the ticket does not exist. */
export async function loadSendFacts(tx: Prisma.TransactionClient, ticketId: string): Promise<SendFacts | null> {
  const ticket = await tx.ticket.findUnique({
    where: { id: ticketId },
    select: {
      status: true,
      expiresAt: true,
      challenge: { select: { keyVersion: true } },
      device: { select: { status: true, ownerId: true } },
      approvals: { where: { decision: "APPROVE" }, orderBy: { createdAt: "desc" }, take: 1, select: { supervisorId: true } },
      codeIssues: { where: { kind: "FIRST" }, take: 1, select: { id: true } },
    },
  });
  if (!ticket) return null;
  const approverId = ticket.approvals[0]?.supervisorId ?? null;
  return {
    status: ticket.status,
    expiresAt: ticket.expiresAt,
    challenge: ticket.challenge,
    device: ticket.device ? { status: ticket.device.status, hasOwner: ticket.device.ownerId !== null } : null,
    approverId,
    approverGranterIds: approverId ? await loadGranters(tx, approverId, new Date()) : [],
    issued: ticket.codeIssues.length > 0,
  };
}
