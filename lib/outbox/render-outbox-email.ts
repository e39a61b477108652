import "server-only";
import type { Db } from "@/lib/db/client";
import { sameEmailAddress } from "@/lib/email-address";
import type { EmailBranding, RenderedEmail } from "@/lib/email/email-branding";
import { renderEmail } from "@/lib/email/render";
import { invitationEmail } from "@/lib/email/templates/invitation-email";
import { ownerChangeEmail } from "@/lib/email/templates/owner-change-email";
import { resetCodeEmail } from "@/lib/email/templates/reset-code-email";
import { masterKeys } from "@/lib/keys/master-keys";
import { rp1Scheme } from "@/lib/reset-protocol";
import { canSendCode, loadSendFacts } from "@/lib/tickets/rules";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { invitationLink } from "@/lib/users/invitation-link";
import type { ClaimedEmail } from "./claim-outbox-batch";
import { invitationPayloadSchema, ownerChangeNoticePayloadSchema, resetCodePayloadSchema, ticketReplyPayloadSchema } from "./payloads";
import { PermanentEmailError } from "./permanent-email-error";

/** The message plus the secrets in it, which the sender redacts from anything it logs or stores; headers for threading. */
export type OutboxMessage = RenderedEmail & { secrets: string[]; headers?: Record<string, string> };

type RenderOptions = { db: Db; email: Pick<ClaimedEmail, "kind" | "to" | "payload" | "ticketId">; now: Date; settings: EmailBranding };

/**
 * Builds the message for an outbox row at send time, from what the row points at. Throws
 * PermanentEmailError when the row can never be sent as queued; any other error is transient.
 */
export async function renderOutboxEmail(options: RenderOptions): Promise<OutboxMessage> {
  switch (options.email.kind) {
    case "RESET_CODE":
      return renderResetCode(options);
    case "OWNER_CHANGE_NOTICE":
      return renderOwnerChange(options);
    case "INVITATION":
      return renderInvitation(options);
    case "TICKET_REPLY":
      return renderTicketReply(options);
    default:
      throw new PermanentEmailError(`unknown email kind ${JSON.stringify(options.email.kind).slice(0, 40)}`);
  }
}

function parsePayload<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, kind: string, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new PermanentEmailError(`payload does not match ${kind}`);
  return parsed.data;
}

async function renderResetCode({ db, email, now, settings }: RenderOptions): Promise<OutboxMessage> {
  const payload = parsePayload(resetCodePayloadSchema, "RESET_CODE", email.payload);
  const issue = await db.codeIssue.findUnique({
    where: { id: payload.codeIssueId },
    select: {
      ticketId: true,
      destination: true,
      ticket: { select: { number: true, challengeId: true, device: { select: { model: true } }, challenge: { select: { text: true } } } },
    },
  });
  // The row must agree with the records it points at: the code goes only where the code issue
  // (the ticket's decision) says, for the challenge the ticket holds.
  if (!issue || issue.ticketId !== payload.ticketId || (email.ticketId !== null && email.ticketId !== payload.ticketId)) {
    throw new PermanentEmailError("code issue not found for this ticket");
  }
  if (!sameEmailAddress(issue.destination, email.to)) throw new PermanentEmailError("recipient differs from the code issue's destination");
  if (issue.ticket.challengeId !== payload.challengeId || !issue.ticket.challenge) throw new PermanentEmailError("ticket no longer holds this challenge");
  // Retries can run for hours: a recorder reported stolen or blocked meanwhile gets no code.
  const facts = await loadSendFacts(db, payload.ticketId);
  const verdict = facts ? canSendCode(facts, { stage: "deliver", actorId: null, keyVersions: masterKeys().versions, now }) : null;
  if (!verdict?.ok) throw new PermanentEmailError(`ticket or recorder no longer allows a code (${verdict?.refusal ?? "no ticket"})`);
  const parsed = rp1Scheme.parse(issue.ticket.challenge.text);
  if (!parsed.ok) throw new PermanentEmailError("challenge no longer parses");
  const derived = rp1Scheme.deriveCode({ challenge: parsed.challenge, keys: masterKeys() });
  if (!derived.ok) throw new PermanentEmailError(`challenge does not verify (${derived.reason})`);
  const { serial, model } = rp1Scheme.summarize(parsed.challenge);
  const message = await renderEmail(resetCodeEmail, {
    code: derived.code,
    validUntil: rp1Scheme.codeValidUntil(parsed.challenge),
    now,
    ticketRef: ticketRef(issue.ticket.number),
    serial,
    model: issue.ticket.device?.model ?? model,
    settings,
  });
  return { ...message, secrets: [derived.code, rp1Scheme.formatCode(derived.code)] };
}

async function renderOwnerChange({ db, email, settings }: RenderOptions): Promise<OutboxMessage> {
  const payload = parsePayload(ownerChangeNoticePayloadSchema, "OWNER_CHANGE_NOTICE", email.payload);
  const [device, ticket] = await Promise.all([
    db.device.findUnique({ where: { serial: payload.deviceSerial }, select: { model: true } }),
    email.ticketId ? db.ticket.findUnique({ where: { id: email.ticketId }, select: { number: true } }) : null,
  ]);
  const previous = payload.audience === "PREVIOUS_OWNER";
  const message = await renderEmail(ownerChangeEmail, {
    audience: payload.audience,
    serial: payload.deviceSerial,
    model: device?.model ?? null,
    changedAt: new Date(payload.changedAt),
    otherOwnerEmailMasked: (previous ? payload.newOwnerMasked : payload.previousOwnerMasked) ?? null,
    ticketRef: ticket ? ticketRef(ticket.number) : null,
    settings,
  });
  return { ...message, secrets: [] };
}

async function renderInvitation({ db, email, now, settings }: RenderOptions): Promise<OutboxMessage> {
  const payload = parsePayload(invitationPayloadSchema, "INVITATION", email.payload);
  const invitation = await db.invitation.findUnique({
    where: { id: payload.invitationId },
    select: { expiresAt: true, usedAt: true, user: { select: { email: true, name: true, role: true, active: true } } },
  });
  if (!invitation) throw new PermanentEmailError("invitation not found");
  if (invitation.usedAt) throw new PermanentEmailError("invitation already used");
  if (invitation.expiresAt <= now) throw new PermanentEmailError("invitation expired before it could be sent");
  if (!invitation.user.active) throw new PermanentEmailError("invited user is disabled");
  if (!sameEmailAddress(invitation.user.email, email.to)) throw new PermanentEmailError("recipient differs from the invited user");
  const link = invitationLink({ invitationId: payload.invitationId });
  const token = new URL(link).searchParams.get("token") ?? link;
  const message = await renderEmail(invitationEmail, {
    name: invitation.user.name,
    role: invitation.user.role,
    link,
    expiresAt: invitation.expiresAt,
    now,
    settings,
  });
  return { ...message, secrets: [token, link] };
}

/** An agent's reply to the requester: plain text (HTML escaped), threaded with In-Reply-To/References, written by a person (Auto-Submitted: no). */
async function renderTicketReply({ db, email }: RenderOptions): Promise<OutboxMessage> {
  const payload = parsePayload(ticketReplyPayloadSchema, "TICKET_REPLY", email.payload);
  if (!email.ticketId) throw new PermanentEmailError("a reply needs its ticket");
  const ticket = await db.ticket.findUnique({ where: { id: email.ticketId }, select: { customerEmail: true } });
  if (!ticket) throw new PermanentEmailError("ticket not found");
  if (!sameEmailAddress(ticket.customerEmail, email.to)) throw new PermanentEmailError("a reply goes only to the ticket's requester");
  const escaped = payload.body.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
  const headers: Record<string, string> = { "Auto-Submitted": "no" };
  if (payload.inReplyTo) headers["In-Reply-To"] = payload.inReplyTo;
  if (payload.references) headers["References"] = payload.references;
  return {
    subject: payload.subject,
    text: payload.body,
    html: `<div style="white-space:pre-wrap;font-family:sans-serif">${escaped}</div>`,
    secrets: [],
    headers,
  };
}
