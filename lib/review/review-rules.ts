import { z } from "zod";
import { ApprovalDecision } from "@/lib/generated/prisma/enums";
import { GRANTER_MESSAGE, isGranter } from "@/lib/users/privilege-rules";

/** A refusal must say why, so the agent can tell the customer and the audit can defend it. */
export const REFUSE_REASON_MIN = 10;
/** Sending a code anywhere but the owner of record is the riskiest act in the console: explain it. */
export const ALTERNATE_DESTINATION_REASON_MIN = 20;
export const REVIEW_REASON_MAX = 2_000;

export const decideReviewSchema = z
  .object({
    ticketId: z.uuid(),
    decision: z.enum(ApprovalDecision),
    reason: z.string().trim().max(REVIEW_REASON_MAX, `Use at most ${REVIEW_REASON_MAX} characters.`).default(""),
    destination: z
      .string()
      .trim()
      .toLowerCase()
      .max(254)
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.email("Enter a valid email address.").optional()),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "REFUSE" && value.reason.length < REFUSE_REASON_MIN) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: `Say why in at least ${REFUSE_REASON_MIN} characters.` });
    }
    if (value.decision === "REFUSE" && value.destination) {
      ctx.addIssue({ code: "custom", path: ["destination"], message: "A refusal has no destination." });
    }
    if (value.decision === "APPROVE" && value.destination && value.reason.length < ALTERNATE_DESTINATION_REASON_MIN) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: `Sending to another address needs a written reason of at least ${ALTERNATE_DESTINATION_REASON_MIN} characters.`,
      });
    }
  });

export type DecideReviewInput = z.output<typeof decideReviewSchema>;

export const FOUR_EYES_MESSAGE = "Four eyes: the person who opened a ticket cannot approve or refuse it. Ask another supervisor.";

export type ReviewVerdict = { ok: true } | { ok: false; what: "review:four-eyes" | "review:granter"; message: string };

/**
 * May this supervisor decide the ticket? Never the person who opened or handles it (they are one
 * of the four eyes already), and never while an admin who granted the supervisor's role in the
 * last GRANT_COOLING_OFF_DAYS days opened or handles it (one admin must not be able to make the
 * second pair of eyes). `granterIds` comes from loadGranters.
 */
export function canDecideReview(ticket: { createdById: string; assigneeId: string | null }, actorId: string, granterIds: readonly string[]): ReviewVerdict {
  if (ticket.createdById === actorId || ticket.assigneeId === actorId) return { ok: false, what: "review:four-eyes", message: FOUR_EYES_MESSAGE };
  if (isGranter(granterIds, ticket.createdById) || isGranter(granterIds, ticket.assigneeId)) {
    return { ok: false, what: "review:granter", message: GRANTER_MESSAGE };
  }
  return { ok: true };
}
