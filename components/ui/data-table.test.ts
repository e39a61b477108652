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
    expect(html).toContain('<tbody><tr><td data-label="Name">Kim</td></tr></tbody>');
  });

  it("labels each body cell with its column for the narrow-screen cards, counting spans and keeping labels the caller set", () => {
    const td = (props: Record<string, unknown> | null, text: string) => createElement("td", props, text);
    const Row = () => createElement("tr", null, td(null, "drawn by a component"));
    const body = createElement(
      "tbody",
      null,
      [
        createElement("tr", { key: "a" }, td(null, "RT-000001"), null, td({ colSpan: 2 }, "wide"), td(null, "Kim")),
        createElement("tr", { key: "b" }, td({ "data-label": "Own" }, "x"), td(null, "y")),
        createElement(Row, { key: "c" }),
      ],
      createElement("tr", null, td({ colSpan: 4 }, "No tickets match.")),
    );
    const html = renderToStaticMarkup(
      createElement(DataTable, { caption: "Tickets", columns: ["Ticket", "Status", { label: "Age", align: "right" }, "Customer"] }, body),
    );
    expect(html).toContain('<table class="data-table w-full text-left text-sm">');
    expect(html).toContain('<tr><td data-label="Ticket">RT-000001</td><td colSpan="2">wide</td><td data-label="Customer">Kim</td></tr>');
    expect(html).toContain('<tr><td data-label="Own">x</td><td data-label="Status">y</td></tr>');
    expect(html).toContain("<tr><td>drawn by a component</td></tr>");
    expect(html).toContain('<tr><td colSpan="4">No tickets match.</td></tr>');
  });
});
