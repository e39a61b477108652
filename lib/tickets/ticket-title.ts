import "server-only";
import type { Db } from "@/lib/db/client";
import { type TicketActor, viewScope } from "./rules";
import { ticketRef } from "./ticket-ref";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A tab has room for little: a longer name is cut, with an ellipsis. */
export const TITLE_NAME_MAX = 40;

/**
 * What a ticket's browser tab says, "RT-000042 · Kim Lee" (the root layout's template adds
 * " · Reset Console"), so an agent with ten tickets open finds the right one; `suffix` names the
 * view when the same ticket has two ("Review").
 */
export function ticketTitle(ticket: { number: number; customerName: string }, suffix?: string): string {
  const name = ticket.customerName.replace(/\s+/g, " ").trim();
  const shown = name.length > TITLE_NAME_MAX ? `${name.slice(0, TITLE_NAME_MAX - 1).trimEnd()}…` : name;
  return [ticketRef(ticket.number), shown, suffix].filter(Boolean).join(" · ");
}

/**
 * The title of a ticket's page for this viewer, or null when the ticket is not there or outside
 * the viewer's scope (viewScope, the same rule as the page), or the id is not one: a tab title
 * must not name the customer of a ticket the page itself refuses to show.
 */
export async function ticketPageTitle(options: {
  db: Db;
  actor: Pick<TicketActor, "id" | "role"> | null;
  ticketId: string;
  suffix?: string;
}): Promise<string | null> {
  if (!options.actor || !UUID.test(options.ticketId)) return null;
  const ticket = await options.db.ticket.findFirst({
    where: { id: options.ticketId, ...viewScope(options.actor) },
    select: { number: true, customerName: true },
  });
  return ticket ? ticketTitle(ticket, options.suffix) : null;
}
