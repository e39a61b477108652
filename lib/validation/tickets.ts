import { z } from "zod";
import { Channel, Decision, TicketStatus } from "@/lib/generated/prisma/enums";

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

export const assignSchema = z.object({ ticketId: z.uuid(), assigneeId: z.union([z.uuid(), z.literal("")]).transform((v) => v || null) });

export const queueFilterSchema = z.object({
  status: z.union([z.enum(TicketStatus), z.enum(["OPEN", "ALL"])]).catch("OPEN"),
  decision: z.union([z.enum(Decision), z.literal("ALL")]).catch("ALL"),
  assignee: z.union([z.enum(["me", "unassigned", "all"]), z.uuid()]).catch("all"),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;
