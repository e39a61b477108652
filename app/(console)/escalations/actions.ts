"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { closeEscalation } from "@/lib/escalations/close-escalation";
import { takeEscalation } from "@/lib/escalations/take-escalation";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { closeEscalationSchema, takeEscalationSchema } from "@/lib/validation/tickets";

function revalidate(ticketId: string) {
  revalidatePath("/escalations");
  revalidatePath(`/tickets/${ticketId}`);
  revalidatePath("/tickets");
  revalidatePath("/audit");
}

export async function takeEscalationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("SUPERVISOR", "action:takeEscalation");
    const parsed = takeEscalationSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const { ticketId } = await takeEscalation({ db: getDb(), actor: { id: user.id, label: user.name, role: user.role, ip: user.ip }, ...parsed.data });
    revalidate(ticketId);
    return { ok: true, message: "Taken: it is yours now." };
  } catch (e) {
    return actionError(e);
  }
}

export async function closeEscalationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("SUPERVISOR", "action:closeEscalation");
    const parsed = closeEscalationSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const { ticketId } = await closeEscalation({ db: getDb(), actor: { id: user.id, label: user.name, role: user.role, ip: user.ip }, ...parsed.data });
    revalidate(ticketId);
    return { ok: true, message: "Escalation closed." };
  } catch (e) {
    return actionError(e);
  }
}
