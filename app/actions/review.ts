"use server";

import { serverAction } from "@/lib/http/server-action";
import { decideReview } from "@/lib/review/decide-review";
import { decideReviewSchema } from "@/lib/review/review-rules";

export const decideReviewAction = serverAction({
  name: "action:decideReview",
  role: "SUPERVISOR",
  schema: decideReviewSchema,
  run: async (input, { db, actor }) => {
    const outcome = await decideReview({ db, actor, ip: actor.ip, ...input });
    return {
      message: outcome.status === "APPROVED" ? "Approved. The agent can now send the code." : "Refused. The agent has been shown your reason.",
      revalidate: ["/review", `/review/${outcome.ticketId}`, `/tickets/${outcome.ticketId}`],
    };
  },
});
