/** Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;
const ECHO_MAX = 40;

/**
 * A value from an uploaded file made safe to echo back: a leading formula character is defused
 * with an apostrophe (so `=HYPERLINK(…)` stays text if the report is pasted into a spreadsheet),
 * control characters become spaces and long values are shortened. The stored data is unchanged.
 */
export function spreadsheetSafe(value: string, max = ECHO_MAX): string {
  const flat = value.replace(/[\u0000-\u001f\u007f]/g, " ");
  const short = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return FORMULA_START.test(value) ? `'${short}` : short;
}
