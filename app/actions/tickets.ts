"use server";

import { z } from "zod";
import { serverAction } from "@/lib/http/server-action";
import { replyToRequester } from "@/lib/inbound/reply-to-requester";
import { requeueEmail } from "@/lib/outbox/requeue-email";
import { maskEmail } from "@/lib/privacy/mask-email";
import { addTicketNote } from "@/lib/tickets/notes";
import { assignTicket } from "@/lib/tickets/assign-ticket";
import { createTicket } from "@/lib/tickets/create-ticket";
import { escalateTicket } from "@/lib/tickets/escalate-ticket";
import { issueCode } from "@/lib/tickets/issue-code";
import { VERIFY_OWNERSHIP_SCRIPT } from "@/lib/tickets/lifecycle-rules";
import { reopenTicket } from "@/lib/tickets/reopen-ticket";
import { resendCode } from "@/lib/tickets/resend-code";
import { resolveTicket } from "@/lib/tickets/resolve-ticket";
import { assignSchema, escalateSchema, newTicketSchema, noteSchema, reopenSchema, replySchema, resolveSchema, ticketIdSchema } from "@/lib/validation/tickets";

const ticketPath = (id: string) => `/tickets/${id}`;

export const createTicketAction = serverAction({
  name: "action:createTicket",
  role: "AGENT",
  schema: newTicketSchema,
  run: async (input, { db, actor }) => {
    const ticket = await createTicket({ db, actor, input });
    return { redirectTo: ticketPath(ticket.id), revalidate: ["/tickets"] };
  },
});

export const issueCodeAction = serverAction({
  name: "action:issueCode",
  role: "AGENT",
  schema: ticketIdSchema,
  run: async ({ ticketId }, { db, actor }) => {
    const { destination } = await issueCode({ db, actor, ticketId });
    // The agent learns where the code went (the owner of record, masked), never the code.
    return { message: `Code sent to the owner of record (${maskEmail(destination)}).`, revalidate: [ticketPath(ticketId), "/tickets"] };
  },
});

export const resendCodeAction = serverAction({
  name: "action:resendCode",
  role: "AGENT",
  schema: ticketIdSchema,
  run: async ({ ticketId }, { db, actor }) => {
    await resendCode({ db, actor, ticketId });
    return { message: "The same code is on its way again, to the same address.", revalidate: [ticketPath(ticketId)] };
  },
});

export const addNoteAction = serverAction({
  name: "action:addNote",
  role: "AGENT",
  schema: noteSchema,
  run: async (input, { db, actor }) => {
    await addTicketNote({ db, actor, ...input });
    return { message: "Note added.", revalidate: [ticketPath(input.ticketId)] };
  },
});

export const replyToRequesterAction = serverAction({
  name: "action:replyToRequester",
  role: "AGENT",
  schema: replySchema,
  run: async (input, { db, actor }) => {
    await replyToRequester({ db, actor, ...input });
    return { message: "Reply queued: it leaves with the outbox and shows in the thread.", revalidate: [ticketPath(input.ticketId)] };
  },
});

export const assignTicketAction = serverAction({
  name: "action:assignTicket",
  role: "AGENT",
  schema: assignSchema,
  run: async (input, { db, actor }) => {
    const { assigneeId } = await assignTicket({ db, actor, ...input });
    return { message: assigneeId ? "Assigned." : "Unassigned.", revalidate: [ticketPath(input.ticketId), "/tickets"] };
  },
});

/** A supervisor or admin puts a failed reset email back in the queue (agents: 403, audited). */
export const requeueEmailAction = serverAction({
  name: "action:requeueEmail",
  role: "SUPERVISOR",
  schema: z.object({ ticketId: z.uuid(), emailId: z.uuid() }),
  run: async (input, { db, actor }) => {
    await requeueEmail({ db, actor, ip: actor.ip, ...input });
    return { message: "Requeued. The email will be tried again within a few seconds.", revalidate: [ticketPath(input.ticketId)] };
  },
});

export const resolveTicketAction = serverAction({
  name: "action:resolveTicket",
  role: "AGENT",
  schema: resolveSchema,
  run: async (input, { db, actor }) => {
    await resolveTicket({ db, actor, input });
    return { message: "Resolved.", revalidate: [ticketPath(input.ticketId), "/tickets"] };
  },
});

export const reopenTicketAction = serverAction({
  name: "action:reopenTicket",
  role: "AGENT",
  schema: reopenSchema,
  run: async (input, { db, actor }) => {
    await reopenTicket({ db, actor, ...input });
    return { message: "Reopened.", revalidate: [ticketPath(input.ticketId), "/tickets"] };
  },
});

export const escalateTicketAction = serverAction({
  name: "action:escalateTicket",
  role: "AGENT",
  schema: escalateSchema,
  run: async (input, { db, actor }) => {
    const { kind } = await escalateTicket({ db, actor, ticketId: input.ticketId, note: input.note });
    // What the agent may say: a stolen or blocked recorder is never named to the requester.
    const script = kind === "CHECK" ? "" : ` Tell the customer: "${VERIFY_OWNERSHIP_SCRIPT}"`;
    return { message: `Escalated to a supervisor.${script}`, revalidate: [ticketPath(input.ticketId), "/tickets", "/escalations"] };
  },
});
