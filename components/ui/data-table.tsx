import Link from "next/link";
import type { ReactNode } from "react";

/** A column heading; numbers columns align right; a sortable one links to its sort and says how the rows are sorted. */
export type DataColumn = string | { label: string; align?: "right"; href?: string; sort?: "ascending" | "descending" };

/**
 * The console's list tables: full width, a caption for screen readers and the small upper-case
 * header row. `spaced` pads every column but the last (the wide audit and review tables). The
 * caller passes the <tbody>, whose rows differ from table to table.
 */
export function DataTable({
  caption,
  columns,
  spaced = false,
  children,
}: {
  caption: string;
  columns: readonly DataColumn[];
  spaced?: boolean;
  children?: ReactNode;
}) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          {columns.map((column, i) => {
            const { label, align, href, sort } = typeof column === "string" ? { label: column } : column;
            const classes = [i === 0 && "py-2", spaced && i < columns.length - 1 && "pr-3", align === "right" && "text-right"].filter(Boolean).join(" ");
            return (
              <th key={label} scope="col" className={classes || undefined} aria-sort={sort}>
                {href ? (
                  <Link href={href} className="underline-offset-2 hover:underline">
                    {label}
                  </Link>
                ) : (
                  label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      {children}
    </table>
  );
}
