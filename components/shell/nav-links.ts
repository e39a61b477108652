import type { Role } from "@/lib/generated/prisma/enums";

export type NavLink = { href: string; label: string; minimum: Role; demoOnly?: boolean; badge?: number };

export const NAV_LINKS: NavLink[] = [
  { href: "/tickets", label: "Tickets", minimum: "AGENT" },
  { href: "/review", label: "Review", minimum: "SUPERVISOR" },
  { href: "/templates", label: "Replies", minimum: "SUPERVISOR" },
  { href: "/escalations", label: "Escalations", minimum: "SUPERVISOR" },
  { href: "/audit", label: "Audit", minimum: "SUPERVISOR" },
  { href: "/admin", label: "Admin", minimum: "ADMIN" },
  { href: "/simulator", label: "Virtual recorder", minimum: "AGENT", demoOnly: true },
  { href: "/mailbox", label: "Dev mailbox", minimum: "AGENT", demoOnly: true },
];
