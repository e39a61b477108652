"use server";

import { z } from "zod";
import { requireRecentSecondFactor, stepUpFor } from "@/lib/auth/step-up";
import { serverAction } from "@/lib/http/server-action";
import { decideReview } from "@/lib/review/decide-review";
import { nextReviewTicketId } from "@/lib/review/list-review-queue";
import { decideReviewSchema } from "@/lib/review/review-rules";

/**
 * The form's buttons: "Approve" / "Refuse" decide and stay; "Approve and next" / "Refuse and
 * next" (decision APPROVE_NEXT / REFUSE_NEXT) decide and open the next ticket this supervisor may
 * decide, or the queue when none is left.
 */
const decideFormSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const form = raw as Record<string, unknown>;
    const match = typeof form.decision === "string" ? /^(APPROVE|REFUSE)_NEXT$/.exec(form.decision) : null;
    return match ? { ...form, decision: match[1], then: "next" } : form;
  },
  z.intersection(decideReviewSchema, z.object({ then: z.literal("next").optional(), stepUpCode: z.string().trim().max(64).optional() })),
);

export const decideReviewAction = serverAction({
  name: "action:decideReview",
  role: "SUPERVISOR",
  schema: decideFormSchema,
  labels: { ticketId: "Ticket", decision: "Decision", reason: "Reason", destination: "Send the code to another address" },
  run: async ({ then, stepUpCode, ...input }, { db, actor, user }) => {
    // Sending the code anywhere but the owner of record is the riskiest approval: a recent second factor.
    if (input.decision === "APPROVE" && input.destination) {
      await requireRecentSecondFactor(db, stepUpFor(user, stepUpCode), `review.alternate_destination ${input.ticketId}`);
    }
    const outcome = await decideReview({ db, actor, ip: actor.ip, ...input });
    const revalidate = ["/review", `/review/${outcome.ticketId}`, `/tickets/${outcome.ticketId}`];
    if (then === "next") {
      const next = await nextReviewTicketId({ db, viewerId: actor.id, afterTicketId: outcome.ticketId });
      const said = `decided=${outcome.ticketNumber}&as=${outcome.status === "APPROVED" ? "approved" : "refused"}`;
      return { redirectTo: next ? `/review/${next}?${said}` : `/review?${said}`, revalidate };
    }
    return {
      message: outcome.status === "APPROVED" ? "Approved. The agent can now send the code." : "Refused. The agent has been shown your reason.",
      revalidate,
    };
  },
});
