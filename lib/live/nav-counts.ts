import "server-only";
import { roleAtLeast } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { countOpenEscalations } from "@/lib/escalations/list-escalations";
import type { Role } from "@/lib/generated/prisma/enums";
import { OPEN_STATUSES } from "@/lib/tickets/list-ticket-queue";
import type { TicketEvent } from "./ticket-event";

type Viewer = { id: string; role: Role };

/** The badge counts of the console's nav, by the nav link they belong to. */
export type NavCounts = Record<string, number>;

type NavCount = {
  /** The nav link (components/shell/nav-links.ts) the badge sits on. */
  href: string;
  /** Who gets the badge at all. */
  minimum: Role;
  count(db: Db, viewer: Viewer): Promise<number>;
  /** Whether a change can move this viewer's count, so a stream recounts only what it must. */
  affectedBy(event: TicketEvent, viewer: Viewer): boolean;
};

const isOpen = (status: TicketEvent["status"] | null) => status !== null && (OPEN_STATUSES as readonly string[]).includes(status);

/**
 * The badges, one entry each: Tickets (my open tickets: opened by me or assigned to me, still
 * READY, REVIEW or APPROVED), Review (tickets waiting for a supervisor) and Escalations (open
 * escalations). A new badge is one more entry here.
 */
export const NAV_COUNTS: readonly NavCount[] = [
  {
    href: "/tickets",
    minimum: "AGENT",
    count: (db, viewer) => db.ticket.count({ where: { status: { in: [...OPEN_STATUSES] }, OR: [{ createdById: viewer.id }, { assigneeId: viewer.id }] } }),
    affectedBy: (event, viewer) =>
      (event.createdById === viewer.id || event.assigneeId === viewer.id || event.previousAssigneeId === viewer.id) &&
      (event.assigneeId !== event.previousAssigneeId || isOpen(event.status) !== isOpen(event.previousStatus)),
  },
  {
    href: "/review",
    minimum: "SUPERVISOR",
    count: (db) => db.ticket.count({ where: { status: "REVIEW" } }),
    affectedBy: (event) => (event.status === "REVIEW") !== (event.previousStatus === "REVIEW"),
  },
  {
    // Escalating, taking and closing change the ticket's escalation fields, not its status.
    href: "/escalations",
    minimum: "SUPERVISOR",
    count: (db) => countOpenEscalations({ db }),
    affectedBy: (event) => event.kind === "updated",
  },
];

/** The viewer's badges (href), or only those `event` can have moved. */
export function badgesFor(viewer: Viewer, event?: TicketEvent): string[] {
  return NAV_COUNTS.filter((badge) => roleAtLeast(viewer.role, badge.minimum) && (!event || badge.affectedBy(event, viewer))).map((badge) => badge.href);
}

/** The viewer's badge counts: all of them, or only those named in `only`. */
export async function navCounts(options: { db: Db; viewer: Viewer; only?: readonly string[] }): Promise<NavCounts> {
  const badges = NAV_COUNTS.filter((badge) => roleAtLeast(options.viewer.role, badge.minimum) && (!options.only || options.only.includes(badge.href)));
  const values = await Promise.all(badges.map((badge) => badge.count(options.db, options.viewer)));
  return Object.fromEntries(badges.map((badge, i) => [badge.href, values[i]!]));
}
