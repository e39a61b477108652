// What each kind of outbox email carries in OutboxEmail.payload, checked again when the message
// is rendered (a row that does not match its schema fails permanently, it is never guessed at).
// Payloads hold references and facts, never a secret: reset codes and invitation tokens are
// derived at render time. Values are flat strings/numbers/null (enqueueEmail's payload type).
import { z } from "zod";
import type { OutboxKind } from "./enqueue-email";

/** An address masked with maskEmail: a payload must never carry a whole third-party address. */
const maskedEmail = z
  .string()
  .max(320)
  .refine((value) => value.includes("***"), "must be masked with maskEmail");

/**
 * RESET_CODE — the security code for a ticket, to `CodeIssue.destination`.
 * Enqueued by issueCode with idempotencyKey `code-issue:<codeIssueId>` and the row's ticketId.
 * At send time the code is derived again from the stored Challenge text with the master keys.
 */
export const resetCodePayloadSchema = z.object({
  ticketId: z.uuid(),
  challengeId: z.uuid(),
  codeIssueId: z.uuid(),
});
export type ResetCodePayload = z.infer<typeof resetCodePayloadSchema>;

/**
 * OWNER_CHANGE_NOTICE — a recorder's owner of record changed. Sent to the previous owner (the
 * takeover alarm; the default audience) and, if wanted, in a second row to the new owner.
 * - deviceSerial: the recorder (its model is looked up at render time).
 * - changedAt: ISO 8601 instant of the change.
 * - audience: who this row goes to: "PREVIOUS_OWNER" (default) or "NEW_OWNER".
 * - newOwnerMasked / previousOwnerMasked: the other side's address, ALREADY masked with maskEmail
 *   (never whole); the previous owner is told the new one and vice versa. Both optional.
 * A ticket, if the change came from one, goes in enqueueEmail's `ticketId`; its reference is shown.
 * Idempotency key, e.g. `owner-change:<serial>:<changedAt ms>` (add `:new` for a NEW_OWNER row).
 */
export const ownerChangeNoticePayloadSchema = z.object({
  deviceSerial: z.string().min(1).max(64),
  changedAt: z.iso.datetime({ offset: true }),
  audience: z.enum(["PREVIOUS_OWNER", "NEW_OWNER"]).default("PREVIOUS_OWNER"),
  newOwnerMasked: maskedEmail.nullish(),
  previousOwnerMasked: maskedEmail.nullish(),
});
/** What the enqueuer writes (audience may be left out). */
export type OwnerChangeNoticePayload = z.input<typeof ownerChangeNoticePayloadSchema>;

/**
 * INVITATION — a set-password link for a new console user, to the invited user's email.
 * The link and its token are derived at render time by invitationLink({ invitationId }).
 * Suggested idempotencyKey: `invitation:<invitationId>`.
 */
export const invitationPayloadSchema = z.object({
  invitationId: z.uuid(),
});
export type InvitationPayload = z.infer<typeof invitationPayloadSchema>;

/**
 * TICKET_REPLY — an agent's written answer to the person who emailed (the ticket's requester),
 * threaded under their last email (lib/inbound/reply-to-requester.ts). Never a code: the reset
 * code only ever goes to the owner of record in its own RESET_CODE email.
 * - body: the agent's text (plain text, at most 4,000 characters).
 * - subject: "Re: …" with the ticket reference.
 * - inReplyTo / references: Message-IDs of the email answered and of its thread, or null.
 * Idempotency key `ticket-reply:<uuid>` (one per submitted reply).
 */
export const ticketReplyPayloadSchema = z.object({
  body: z.string().min(1).max(4_000),
  subject: z.string().min(1).max(300),
  inReplyTo: z.string().max(998).nullish(),
  references: z.string().max(8_000).nullish(),
});
export type TicketReplyPayload = z.infer<typeof ticketReplyPayloadSchema>;

export const OUTBOX_PAYLOAD_SCHEMAS = {
  RESET_CODE: resetCodePayloadSchema,
  OWNER_CHANGE_NOTICE: ownerChangeNoticePayloadSchema,
  INVITATION: invitationPayloadSchema,
  TICKET_REPLY: ticketReplyPayloadSchema,
} as const satisfies Record<OutboxKind, z.ZodType>;
