// Dates and durations for people, always in UTC: the console, its exports and its emails show the
// same text on the server and in every browser (no time-zone or locale data, so no hydration
// drift). Pure functions, safe in client components.

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A moment as the app holds it: a Date, an ISO string (props of client components) or epoch ms. */
export type Instant = Date | string | number;

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad2 = (n: number) => String(n).padStart(2, "0");

function toDate(value: Instant | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * "2026-03-10 12:00 UTC"; `seconds` adds them ("2026-03-10 12:00:05 UTC", the audit's precision);
 * `zone: false` drops " UTC" (the virtual recorder's own clock face). "—" when there is no time.
 */
export function formatUtc(value: Instant | null | undefined, options: { seconds?: boolean; zone?: boolean } = {}): string {
  const date = toDate(value);
  if (!date) return "—";
  const text = date
    .toISOString()
    .slice(0, options.seconds ? 19 : 16)
    .replace("T", " ");
  return options.zone === false ? text : `${text} UTC`;
}

/**
 * "Tuesday 14 March 2026, 09:30 UTC": for emails, spelled out by hand rather than with Intl so the
 * text does not depend on the server's locale data, and always saying UTC (owners live in every
 * time zone).
 */
export function formatUtcLong(date: Date): string {
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())} UTC`;
}

/** "2026-03-10": the UTC day of a moment (day buckets, date fields). */
export function utcDay(value: Instant): string {
  const date = toDate(value);
  if (!date) throw new RangeError("utcDay: not a time");
  return date.toISOString().slice(0, 10);
}

/**
 * A duration in its two largest units: "42 s", "5 min 3 s", "2 h 5 min", "25 h" (a zero second
 * unit is left out, and so are seconds once there are hours). `smallest: "min"` counts whole minutes ("2 h 5 min", "0 min"); `round: "down"`
 * floors instead of rounding (a countdown never shows more time than is left). The sign is
 * ignored; "—" for null.
 */
export function formatDuration(ms: number | null, options: { smallest?: "s" | "min"; round?: "down" | "nearest" } = {}): string {
  if (ms === null) return "—";
  const unit = options.smallest === "min" ? MINUTE_MS : SECOND_MS;
  const count = (options.round === "down" ? Math.floor : Math.round)(Math.abs(ms) / unit);
  const seconds = (count * unit) / SECOND_MS;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0 || options.smallest === "min") return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

/** A rough span in one unit, for reasons and hints: "5 min" (under 2 h), "3 h" (under 3 days), "4 days". The sign is ignored. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 72 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/** "4:59", "0:01": a short countdown, rounded up so it shows 0:00 only when the time is over. */
export function formatMinutesSeconds(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / SECOND_MS));
  return `${Math.floor(total / 60)}:${pad2(total % 60)}`;
}

/** "about 23 hours from now", "less than an hour from now", or null once the moment has passed (emails). */
export function describeTimeLeft(until: Date, now: Date): string | null {
  const left = until.getTime() - now.getTime();
  if (left <= 0) return null;
  if (left < HOUR_MS) return "less than an hour from now";
  const hours = Math.round(left / HOUR_MS);
  return `about ${hours} ${hours === 1 ? "hour" : "hours"} from now`;
}

/**
 * Waits `ms`, or less if `signal` aborts first; never rejects. For the background loops (outbox
 * worker, scheduler, IMAP poller) that sleep between rounds and must stop at once on shutdown.
 */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
