/**
 * Characters that make a spreadsheet treat a cell as a formula (or, TAB/CR, that some
 * spreadsheets strip before doing so): OWASP's CSV injection list.
 */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * One cell as safe text: dates as UTC ISO, null as empty, and a leading `'` on anything a
 * spreadsheet would evaluate (a customer name like `=HYPERLINK(...)` stays text).
 */
export function neutralizeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0] as string) ? `'${text}` : text;
}
