import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataColumn } from "./data-table";

function headerCells(columns: DataColumn[], spaced?: boolean): string[] {
  const html = renderToStaticMarkup(createElement(DataTable, { caption: "Rows", columns, spaced }, createElement("tbody")));
  return [...html.matchAll(/<th([^>]*)>([^<]*)<\/th>/g)].map((m) => `${m[2]}|${/class="([^"]*)"/.exec(m[1]!)?.[1] ?? ""}`);
}

// [columns, spaced, each heading as "label|classes"], the classes the pages wrote by hand before
const ROWS: [DataColumn[], boolean, string[]][] = [
  [["Serial", "Model", "Status"], false, ["Serial|py-2", "Model|", "Status|"]],
  [["Ticket", "Flags", "Opened by"], true, ["Ticket|py-2 pr-3", "Flags|pr-3", "Opened by|"]],
  [["Agent", { label: "Tickets", align: "right" }, { label: "Rate", align: "right" }], false, ["Agent|py-2", "Tickets|text-right", "Rate|text-right"]],
  [["Name", { label: "Actions", align: "right" }], true, ["Name|py-2 pr-3", "Actions|text-right"]],
  [["Only"], true, ["Only|py-2"]],
];

describe("DataTable", () => {
  it.each(ROWS)("%j (spaced: %s)", (columns, spaced, cells) => {
    expect(headerCells(columns, spaced)).toEqual(cells);
  });

  it("names the table for screen readers, marks headings as column headers, and keeps the caller's body", () => {
    const html = renderToStaticMarkup(
      createElement(
        DataTable,
        { caption: "Console users", columns: ["Name"] },
        createElement("tbody", null, createElement("tr", null, createElement("td", null, "Kim"))),
      ),
    );
    expect(html).toContain('<caption class="sr-only">Console users</caption>');
    expect(html).toContain('<th scope="col" class="py-2">Name</th>');
    expect(html).toContain("<tbody><tr><td>Kim</td></tr></tbody>");
  });
});
