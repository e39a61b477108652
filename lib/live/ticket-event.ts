import { z } from "zod";
import { TicketStatus } from "@/lib/generated/prisma/enums";
import { canViewTicket } from "@/lib/tickets/rules";

// What the database announces on every committed ticket change (the trigger in
// prisma/migrations/*_live_ticket_events): ids, the ticket number, status and kind. Never
// customer data, so an event can go to anyone who may see the ticket. No server-only imports:
// the browser parses the same shape from the stream.

/** The PostgreSQL channel the trigger notifies. */
export const TICKET_EVENTS_CHANNEL = "ticket_events";

// "presence": a supervisor opened or left the ticket's review page (lib/review/presence.ts).
const KINDS = ["created", "status", "assigned", "updated", "note", "presence"] as const;

export const ticketEventSchema = z.object({
  ticketId: z.uuid(),
  number: z.number().int(),
  // From the schema's enum, so a status added there is carried, not dropped.
  status: z.enum(TicketStatus),
  previousStatus: z.enum(TicketStatus).nullable(),
  assigneeId: z.uuid().nullable(),
  previousAssigneeId: z.uuid().nullable(),
  createdById: z.uuid(),
  kind: z.enum(KINDS),
});

export type TicketEvent = z.infer<typeof ticketEventSchema>;
export type TicketEventKind = (typeof KINDS)[number];

/** A notification's payload as an event, or null when it is not one (never throws). */
export function parseTicketEvent(payload: string): TicketEvent | null {
  try {
    const parsed = ticketEventSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Who is told about a change: whoever may see the ticket now (`canViewTicket`, the one rule), and
 * on a reassignment also whoever could see it just before, so the ticket leaves their queue live
 * too. Both are the same rule applied to the ticket before and after the change.
 */
export function eventVisibleTo(event: TicketEvent, viewer: Parameters<typeof canViewTicket>[1]): boolean {
  if (canViewTicket(event, viewer)) return true;
  if (event.kind === "created" || event.previousAssigneeId === event.assigneeId) return false;
  return canViewTicket({ createdById: event.createdById, assigneeId: event.previousAssigneeId }, viewer);
}
