import { z } from "zod";
import { Channel, Decision, Resolution, TicketStatus } from "@/lib/generated/prisma/enums";
import { parseTicketRef } from "@/lib/tickets/ticket-ref";

/** The longest text that can hold a challenge, with room for what mail clients add. */
export const CHALLENGE_TEXT_MAX = 8_192;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullish();

export const newTicketSchema = z.object({
  customerName: z.string().trim().min(1, "Enter the customer's name.").max(120),
  customerEmail: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  customerPhone: optionalText(40).refine((v) => v == null || /^[+0-9 ().-]{5,40}$/.test(v), "Use digits, spaces and + ( ) - only."),
  channel: z.enum(Channel, { error: "Pick the channel the request came in on." }),
  notes: optionalText(4_000),
  challengeText: z.string().trim().min(1, "Add the customer's QR photo or paste the link from their email.").max(CHALLENGE_TEXT_MAX),
});

export type NewTicketInput = z.infer<typeof newTicketSchema>;

export const ticketIdSchema = z.object({ ticketId: z.uuid() });

export const noteSchema = z.object({
  ticketId: z.uuid(),
  body: z.string().trim().min(1, "Write a note first.").max(4_000),
  toReviewer: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

/** An agent's email answer to the requester (lib/inbound/reply-to-requester.ts). */
export const replySchema = z.object({
  ticketId: z.uuid(),
  body: z.string().trim().min(1, "Write the reply first.").max(4_000, "Use at most 4,000 characters."),
});

export const assignSchema = z.object({ ticketId: z.uuid(), assigneeId: z.union([z.uuid(), z.literal("")]).transform((v) => v || null) });

/** Saved views at the top of the queue (lib/tickets/list-ticket-queue.ts says what each one holds). */
export const QUEUE_VIEWS = ["mine", "ready", "review", "escalated"] as const;
/** timeLeft: the challenge that lapses first on top; age: the oldest ticket on top; newest. */
export const QUEUE_SORTS = ["timeLeft", "age", "newest"] as const;

export const queueFilterSchema = z.object({
  view: z.enum(QUEUE_VIEWS).optional().catch(undefined),
  status: z.union([z.enum(TicketStatus), z.enum(["OPEN", "ALL"])]).catch("OPEN"),
  decision: z.union([z.enum(Decision), z.literal("ALL")]).catch("ALL"),
  assignee: z.union([z.enum(["me", "unassigned", "all"]), z.uuid()]).catch("all"),
  sort: z.enum(QUEUE_SORTS).optional().catch(undefined),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const RESOLUTION_NOTE_MAX = 2_000;

export const resolveSchema = z
  .object({
    ticketId: z.uuid(),
    outcome: z.enum(Resolution, { error: "Pick how the ticket ended." }),
    duplicateOf: z.string().trim().max(20).optional().default(""),
    note: z.string().trim().max(RESOLUTION_NOTE_MAX).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "DUPLICATE" && parseTicketRef(v.duplicateOf) === null) {
      ctx.addIssue({ code: "custom", path: ["duplicateOf"], message: "Enter the other ticket's number (RT-000123)." });
    }
    if (v.outcome === "OTHER" && v.note.length < 3) ctx.addIssue({ code: "custom", path: ["note"], message: "Say how the ticket ended." });
  })
  .transform(({ duplicateOf, note, ...v }) => ({
    ...v,
    duplicateOfNumber: v.outcome === "DUPLICATE" ? parseTicketRef(duplicateOf) : null,
    note: note || null,
  }));
export type ResolveInput = z.output<typeof resolveSchema>;

export const reopenSchema = z.object({
  ticketId: z.uuid(),
  reason: z.string().trim().min(3, "Say why the ticket is reopened.").max(RESOLUTION_NOTE_MAX),
});

export const escalateSchema = z.object({
  ticketId: z.uuid(),
  note: optionalText(2_000),
});

export const takeEscalationSchema = z.object({ escalationId: z.uuid() });

export const closeEscalationSchema = z.object({
  escalationId: z.uuid(),
  note: z.string().trim().min(3, "Say what was done.").max(2_000),
});
