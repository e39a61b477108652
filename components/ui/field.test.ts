import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Field, FieldError, fieldAria } from "./field";

// [hint?, errors, aria-describedby, aria-invalid]
const ROWS: [boolean, string[] | undefined, string | undefined, true | undefined][] = [
  [false, undefined, undefined, undefined],
  [false, [], undefined, undefined],
  [true, undefined, "note-hint", undefined],
  [false, ["Required."], "note-error", true],
  [true, ["Required.", "Too short."], "note-hint note-error", true],
];

describe("fieldAria", () => {
  it.each(ROWS)("hint %s, errors %j → describedby %j, invalid %s", (hint, errors, describedBy, invalid) => {
    const aria = fieldAria("note", { hint, errors });
    expect(aria.hintId).toBe("note-hint");
    expect(aria.errorId).toBe("note-error");
    expect(aria.control).toEqual({ "aria-describedby": describedBy, "aria-invalid": invalid });
  });
});

describe("FieldError", () => {
  it("renders the errors with the id the control points at, or nothing", () => {
    expect(renderToStaticMarkup(createElement(FieldError, { id: "x-error", errors: ["A.", "B."] }))).toBe(
      '<p id="x-error" class="text-xs font-medium text-red-700">A. B.</p>',
    );
    expect(renderToStaticMarkup(createElement(FieldError, { id: "x-error", errors: [] }))).toBe("");
    expect(renderToStaticMarkup(createElement(FieldError, { id: "x-error" }))).toBe("");
  });
});

describe("Field", () => {
  it("ties the input to its hint and errors", () => {
    const html = renderToStaticMarkup(createElement(Field, { label: "Serial", name: "serial", hint: "6–32 characters", errors: ["Required."] }));
    expect(html).toContain('<label for="field-serial"');
    const input = /<input[^>]*>/.exec(html)?.[0] ?? "";
    for (const attribute of ['id="field-serial"', 'name="serial"', 'aria-invalid="true"', 'aria-describedby="field-serial-hint field-serial-error"']) {
      expect(input).toContain(attribute);
    }
    expect(html).toContain('<p id="field-serial-hint" class="text-xs text-slate-600">6–32 characters</p>');
    expect(html).toContain('<p id="field-serial-error" class="text-xs font-medium text-red-700">Required.</p>');
  });
});
