/**
 * Characters that make a spreadsheet treat a cell as a formula (or, TAB/CR, that some
 * spreadsheets strip before doing so): OWASP's CSV injection list.
 */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;
const ECHO_MAX = 40;

/**
 * The one CSV formula-injection rule: text a spreadsheet would evaluate gets a leading `'`, so a
 * customer name like `=HYPERLINK(...)` stays text. Anything else is returned unchanged.
 */
export function defuseFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0] as string) ? `'${text}` : text;
}

/** One cell of an export as safe text: dates as UTC ISO, null as empty, formulas defused. */
export function neutralizeCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return defuseFormula(typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value));
}

/**
 * A value from an uploaded file made safe to echo back in a report: formulas defused (decided on
 * the value as uploaded, before a leading TAB is flattened), control characters become spaces and
 * long values are shortened to `max` characters plus "…". The stored data is unchanged.
 */
export function spreadsheetSafe(value: string, max = ECHO_MAX): string {
  const defused = defuseFormula(value);
  const keep = max + (defused.length - value.length);
  const flat = defused.replace(CONTROL_CHARACTERS, " ");
  return flat.length > keep ? `${flat.slice(0, keep)}…` : flat;
}
