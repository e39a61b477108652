"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { requeueEmail } from "@/lib/outbox/requeue-email";

const requeueEmailSchema = z.object({ ticketId: z.uuid(), emailId: z.uuid() });

/** A supervisor or admin puts a failed reset email back in the queue (agents: 403, audited). */
export async function requeueEmailAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("SUPERVISOR", "action:requeueEmail");
    const parsed = requeueEmailSchema.safeParse({ ticketId: form.get("ticketId"), emailId: form.get("emailId") });
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    await requeueEmail({ db: getDb(), actor: { id: user.id, label: user.name, role: user.role }, ip: user.ip, ...parsed.data });
    revalidatePath(`/tickets/${parsed.data.ticketId}`);
    return { ok: true, message: "Requeued. The email will be tried again within a few seconds." };
  } catch (e) {
    return actionError(e);
  }
}
