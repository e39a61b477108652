import type { Role } from "@/lib/generated/prisma/enums";

/**
 * A nav item. `countLabel` gives it a live count badge (lib/live/nav-counts.ts counts it, under
 * the same href), described to screen readers as "<count> <countLabel>".
 */
export type NavLink = { href: string; label: string; minimum: Role; demoOnly?: boolean; countLabel?: string };

export const NAV_LINKS: NavLink[] = [
  { href: "/tickets", label: "Tickets", minimum: "AGENT", countLabel: "of my tickets open" },
  { href: "/review", label: "Review", minimum: "SUPERVISOR", countLabel: "waiting for review" },
  { href: "/templates", label: "Replies", minimum: "SUPERVISOR" },
  { href: "/escalations", label: "Escalations", minimum: "SUPERVISOR", countLabel: "escalations open" },
  { href: "/audit", label: "Audit", minimum: "SUPERVISOR" },
  { href: "/admin", label: "Admin", minimum: "ADMIN" },
  { href: "/simulator", label: "Virtual recorder", minimum: "AGENT", demoOnly: true },
  { href: "/mailbox", label: "Dev mailbox", minimum: "AGENT", demoOnly: true },
];
