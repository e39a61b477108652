const pad = (value: number) => String(value).padStart(2, "0");

/** "2025-11-21 12:00:05" in UTC: the same text on the server and in every browser (no hydration drift). */
export function formatRecorderTime(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return "----------";
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** "+25 h", "−3 h 30 min", "+0 h": the clock offset as a tester reads it. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? "−" : "+";
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${sign}${hours} h${rest ? ` ${rest} min` : ""}`;
}
