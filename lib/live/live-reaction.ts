import { ticketRef } from "@/lib/tickets/ticket-ref";
import type { TicketEvent } from "./ticket-event";

// What an open console does with a change it hears: which pages re-render, and which changes
// are a decision on one of my tickets worth a toast. Pure, shared by the browser hook and tests.

/** The pages that show tickets, and whether a change concerns what each one shows. */
const LIVE_PAGES: { path: RegExp; shows(event: TicketEvent, id: string | undefined): boolean }[] = [
  // The queue lists every ticket the user may see: any change can move a row.
  { path: /^\/tickets\/?$/, shows: () => true },
  { path: /^\/tickets\/([0-9a-f-]{36})\/?$/i, shows: (event, id) => event.ticketId === id },
  // The review queue lists REVIEW tickets: a change matters when one enters or leaves it.
  { path: /^\/review\/?$/, shows: (event) => event.status === "REVIEW" || event.previousStatus === "REVIEW" },
  { path: /^\/review\/([0-9a-f-]{36})\/?$/i, shows: (event, id) => event.ticketId === id },
  { path: /^\/escalations(\/.*)?$/, shows: () => true },
];

/** Whether the page at `pathname` shows data `event` changed (so it should refresh). */
export function pageShowsEvent(pathname: string, event: TicketEvent): boolean {
  // Who has a review page open shows only on that ticket's review page (the claim indicator).
  if (event.kind === "presence") return /^\/review\/([0-9a-f-]{36})\/?$/i.exec(pathname)?.[1]?.toLowerCase() === event.ticketId;
  for (const page of LIVE_PAGES) {
    const match = page.path.exec(pathname);
    if (match) return page.shows(event, match[1]?.toLowerCase());
  }
  return false;
}

/** Whether the page at `pathname` shows live ticket data at all (what the fallback polling refreshes). */
export function isLivePage(pathname: string): boolean {
  return LIVE_PAGES.some((page) => page.path.test(pathname));
}

export type LiveToast = { tone: "success" | "error" | "info"; title: string; description: string };

/** The decisions worth telling the ticket's agent about, by the status a change moved the ticket to. */
const DECISIONS: Partial<Record<TicketEvent["status"], (ref: string) => LiveToast>> = {
  APPROVED: (ref) => ({ tone: "success", title: `${ref} approved`, description: "A supervisor approved it: the code can be sent now." }),
  REFUSED: (ref) => ({ tone: "error", title: `${ref} refused`, description: "No code can be issued. The reasons are on the ticket." }),
  SENT: (ref) => ({ tone: "info", title: `Code sent for ${ref}`, description: "The code went to the owner of record." }),
};

/** A toast for a decision on one of my tickets (opened by me or assigned to me), or null. */
export function toastForEvent(event: TicketEvent, me: string): LiveToast | null {
  if (event.kind !== "status" || event.status === event.previousStatus) return null;
  if (event.createdById !== me && event.assigneeId !== me) return null;
  return DECISIONS[event.status]?.(ticketRef(event.number)) ?? null;
}
