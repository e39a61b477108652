import Link from "next/link";
import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode, type TdHTMLAttributes } from "react";

/** A column heading; numbers columns align right; a sortable one links to its sort and says how the rows are sorted. */
export type DataColumn = string | { label: string; align?: "right"; href?: string; sort?: "ascending" | "descending" };

function columnLabel(column: DataColumn): string {
  return typeof column === "string" ? column : column.label;
}

type Cell = ReactElement<TdHTMLAttributes<HTMLTableCellElement> & { "data-label"?: string }>;

/**
 * Gives each `<td>` of the body's `<tr>` rows its column's name as `data-label`, which the
 * narrow-screen card layout (app/globals.css, `.data-table`) shows above the value. A cell that
 * spans columns (an empty-state row) or already names itself is left alone, and so is a row
 * drawn by a component of its own: it sets `data-label` on its cells itself.
 */
function labelCells(body: ReactNode, labels: readonly string[]): ReactNode {
  if (!isValidElement<{ children?: ReactNode }>(body) || body.type !== "tbody") return body;
  const rows = Children.map(body.props.children, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== "tr") return row;
    let column = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement(cell) || cell.type !== "td") return cell;
      const td = cell as Cell;
      const span = td.props.colSpan ?? 1;
      const label = span === 1 && td.props["data-label"] === undefined ? labels[column] : undefined;
      column += span;
      return label ? cloneElement(td, { "data-label": label }) : td;
    });
    return cloneElement(row, undefined, cells);
  });
  return cloneElement(body, undefined, rows);
}

/**
 * The console's list tables: full width, a caption for screen readers and the small upper-case
 * header row; below 640 px each row is a card with its cells labelled by their column (see
 * labelCells). `spaced` pads every column but the last (the wide audit and review tables). The
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
    <table className="data-table w-full text-left text-sm">
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
      {labelCells(children, columns.map(columnLabel))}
    </table>
  );
}
