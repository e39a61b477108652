"use server";

import { closeEscalation, takeEscalation } from "@/lib/escalations/handle-escalation";
import { serverAction } from "@/lib/http/server-action";
import { closeEscalationSchema, takeEscalationSchema } from "@/lib/validation/tickets";

const changed = (ticketId: string) => ["/escalations", `/tickets/${ticketId}`, "/tickets", "/audit"];

export const takeEscalationAction = serverAction({
  name: "action:takeEscalation",
  role: "SUPERVISOR",
  schema: takeEscalationSchema,
  run: async (input, { db, actor }) => {
    const { ticketId } = await takeEscalation({ db, actor, ...input });
    return { message: "Taken: it is yours now.", revalidate: changed(ticketId) };
  },
});

export const closeEscalationAction = serverAction({
  name: "action:closeEscalation",
  role: "SUPERVISOR",
  schema: closeEscalationSchema,
  run: async (input, { db, actor }) => {
    const { ticketId } = await closeEscalation({ db, actor, ...input });
    return { message: "Escalation closed.", revalidate: changed(ticketId) };
  },
});
