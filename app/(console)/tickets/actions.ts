"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser, type SessionUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { maskEmail } from "@/lib/privacy/mask-email";
import { addTicketNote } from "@/lib/tickets/add-ticket-note";
import { assignTicket } from "@/lib/tickets/assign-ticket";
import { createTicket } from "@/lib/tickets/create-ticket";
import { escalateTicket } from "@/lib/tickets/escalate-ticket";
import { issueCode } from "@/lib/tickets/issue-code";
import { VERIFY_OWNERSHIP_SCRIPT } from "@/lib/tickets/lifecycle-rules";
import { reopenTicket } from "@/lib/tickets/reopen-ticket";
import { resendCode } from "@/lib/tickets/resend-code";
import { resolveTicket } from "@/lib/tickets/resolve-ticket";
import type { TicketActor } from "@/lib/tickets/ticket-actor";
import { assignSchema, escalateSchema, newTicketSchema, noteSchema, reopenSchema, resolveSchema, ticketIdSchema } from "@/lib/validation/tickets";

function actorOf(user: SessionUser): TicketActor {
  return { id: user.id, label: user.name, role: user.role, ip: user.ip };
}

function fields(form: FormData) {
  return Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
}

export async function createTicketAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let ticketId: string;
  try {
    const user = await requireUser("AGENT", "action:createTicket");
    const parsed = newTicketSchema.safeParse(fields(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const ticket = await createTicket({ db: getDb(), actor: actorOf(user), input: parsed.data });
    ticketId = ticket.id;
  } catch (e) {
    return actionError(e);
  }
  revalidatePath("/tickets");
  redirect(`/tickets/${ticketId}`);
}

export async function issueCodeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("AGENT", "action:issueCode");
    const parsed = ticketIdSchema.safeParse(fields(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const { destination } = await issueCode({ db: getDb(), actor: actorOf(user), ticketId: parsed.data.ticketId });
    revalidatePath(`/tickets/${parsed.data.ticketId}`);
    revalidatePath("/tickets");
    // The agent learns where the code went (the owner of record, masked), never the code.
    return { ok: true, message: `Code sent to the owner of record (${maskEmail(destination)}).` };
  } catch (e) {
    return actionError(e);
  }
}

export async function resendCodeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("AGENT", "action:resendCode");
    const parsed = ticketIdSchema.safeParse(fields(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    await resendCode({ db: getDb(), actor: actorOf(user), ticketId: parsed.data.ticketId });
    revalidatePath(`/tickets/${parsed.data.ticketId}`);
    return { ok: true, message: "The same code is on its way again, to the same address." };
  } catch (e) {
    return actionError(e);
  }
}

export async function addNoteAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("AGENT", "action:addNote");
    const parsed = noteSchema.safeParse(fields(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    await addTicketNote({ db: getDb(), actor: actorOf(user), ...parsed.data });
    revalidatePath(`/tickets/${parsed.data.ticketId}`);
    return { ok: true, message: "Note added." };
  } catch (e) {
    return actionError(e);
  }
}

export async function assignTicketAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("AGENT", "action:assignTicket");
    const parsed = assignSchema.safeParse(fields(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const { assigneeId } = await assignTicket({ db: getDb(), actor: actorOf(user), ...parsed.data });
    revalidatePath(`/tickets/${parsed.data.ticketId}`);
    revalidatePath("/tickets");
    return { ok: true, message: assigneeId ? "Assigned." : "Unassigned." };
  } catch (e) {
    return actionError(e);
  }
}

export async function resolveTicketAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("AGENT", "action:resolveTicket");
    const parsed = resolveSchema.safeParse(fields(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    await resolveTicket({ db: getDb(), actor: actorOf(user), input: parsed.data });
    revalidatePath(`/tickets/${parsed.data.ticketId}`);
    revalidatePath("/tickets");
    return { ok: true, message: "Resolved." };
  } catch (e) {
    return actionError(e);
  }
}

export async function reopenTicketAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("AGENT", "action:reopenTicket");
    const parsed = reopenSchema.safeParse(fields(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    await reopenTicket({ db: getDb(), actor: actorOf(user), ...parsed.data });
    revalidatePath(`/tickets/${parsed.data.ticketId}`);
    revalidatePath("/tickets");
    return { ok: true, message: "Reopened." };
  } catch (e) {
    return actionError(e);
  }
}

export async function escalateTicketAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("AGENT", "action:escalateTicket");
    const parsed = escalateSchema.safeParse(fields(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const { kind } = await escalateTicket({ db: getDb(), actor: actorOf(user), ticketId: parsed.data.ticketId, note: parsed.data.note });
    revalidatePath(`/tickets/${parsed.data.ticketId}`);
    revalidatePath("/tickets");
    revalidatePath("/escalations");
    // What the agent may say: a stolen or blocked recorder is never named to the requester.
    const script = kind === "CHECK" ? "" : ` Tell the customer: "${VERIFY_OWNERSHIP_SCRIPT}"`;
    return { ok: true, message: `Escalated to a supervisor.${script}` };
  } catch (e) {
    return actionError(e);
  }
}
