import type { ReactNode } from "react";
import { DataTable, type DataColumn } from "@/components/ui/data-table";

/**
 * The numbers behind a chart, as a table beside it: what a screen reader, a keyboard user or
 * anyone copying figures reads. Scrolls on its own when long (focusable, so the keyboard can scroll it).
 */
export function ChartTable({ caption, columns, rows }: { caption: string; columns: readonly DataColumn[]; rows: ReactNode[][] }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} className="max-h-64 overflow-auto rounded focus-visible:outline-2 focus-visible:outline-brand-600">
      <DataTable caption={caption} columns={columns}>
        <tbody className="divide-y divide-slate-100 tabular-nums">
          {rows.map((cells, r) => (
            <tr key={r}>
              {cells.map((cell, c) => (
                <td key={c} className={c === 0 ? "py-1 pr-3 whitespace-nowrap" : "pr-1 text-right"}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
