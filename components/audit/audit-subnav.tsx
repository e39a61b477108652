import Link from "next/link";

const LINKS = [
  { href: "/audit", label: "Dashboard" },
  { href: "/audit/tickets", label: "Tickets" },
  { href: "/audit/events", label: "Audit log" },
] as const;

export function AuditSubnav({ current }: { current: (typeof LINKS)[number]["href"] }) {
  return (
    <nav aria-label="Audit sections" className="mb-4 flex gap-2 text-sm">
      {LINKS.map((l) => (
        <Link
          key={l.href}
          href={l.href}
          aria-current={l.href === current ? "page" : undefined}
          className={`rounded-md px-3 py-1.5 ${l.href === current ? "bg-brand-600 text-white" : "ring-1 ring-slate-300 hover:bg-slate-100"}`}
        >
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
