const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const HOUR_MS = 60 * 60 * 1000;

/**
 * "Tuesday 14 March 2026, 09:30 UTC". Built by hand rather than with Intl so the text does not
 * depend on the server's locale data, and always says UTC: owners live in every time zone.
 */
export function formatUtc(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

/** "about 23 hours from now", "less than an hour from now", or null once the moment has passed. */
export function describeTimeLeft(until: Date, now: Date): string | null {
  const left = until.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left < HOUR_MS) return "less than an hour from now";
  const hours = Math.round(left / HOUR_MS);
  return `about ${hours} ${hours === 1 ? "hour" : "hours"} from now`;
}
