"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLiveCounts } from "./live-updates";
import type { NavLink } from "./nav-links";

function badgeId(href: string): string {
  return `nav-count-${href.replace(/[^a-z0-9]+/gi, "-")}`;
}

export function ConsoleNav({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  const counts = useLiveCounts();
  return (
    <nav aria-label="Main" className="flex flex-wrap gap-1">
      {links.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        const count = link.countLabel ? counts[link.href] : undefined;
        const badge = count !== undefined && count > 0;
        // The link's name stays its label; the count is its description (and a visual badge).
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={current ? "page" : undefined}
            aria-describedby={count !== undefined ? badgeId(link.href) : undefined}
            className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium ${current ? "bg-white/15 text-white" : "text-slate-200 hover:bg-white/10 hover:text-white"}`}
          >
            {link.label}
            {badge ? (
              <span aria-hidden="true" data-nav-count={count} className="rounded-full bg-amber-300 px-1.5 text-xs font-semibold leading-5 text-slate-900">
                {count > 99 ? "99+" : count}
              </span>
            ) : null}
            {count !== undefined ? (
              <span id={badgeId(link.href)} hidden>
                {`${count} ${link.countLabel}`}
              </span>
            ) : null}
          </Link>
        );
      })}
    </nav>
  );
}
