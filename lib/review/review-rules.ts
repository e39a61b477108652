import { z } from "zod";
import { ApprovalDecision } from "@/lib/generated/prisma/enums";

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
