// The email wording of dates now lives in lib/time.ts, the one module for dates and durations; this
// file keeps the email renderers' imports (formatUtc = the long form) working while they move.
export { describeTimeLeft, formatUtcLong as formatUtc } from "@/lib/time";
