"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { decideReview } from "@/lib/review/decide-review";
import { decideReviewSchema } from "@/lib/review/review-rules";

export async function decideReviewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("SUPERVISOR", "action:decideReview");
    const parsed = decideReviewSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const outcome = await decideReview({ db: getDb(), actor: { id: user.id, label: user.name, role: user.role }, ip: user.ip, ...parsed.data });
    revalidatePath("/review");
    revalidatePath(`/review/${outcome.ticketId}`);
    revalidatePath(`/tickets/${outcome.ticketId}`);
    return {
      ok: true,
      message: outcome.status === "APPROVED" ? "Approved. The agent can now send the code." : "Refused. The agent has been shown your reason.",
    };
  } catch (e) {
    return actionError(e);
  }
}
