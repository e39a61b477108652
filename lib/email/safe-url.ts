/** The URL if it is plain http(s), else null: settings are admin-editable, and a link must never run script. */
export function safeUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : null;
  } catch {
    return null;
  }
}
