import { AppError } from "@/lib/errors";

/**
 * node-postgres's own words for a connection that the server ended (a restart, a failover, a
 * terminated backend): these errors carry no code, only a message.
 */
const LOST_CONNECTION = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|Connection ended unexpectedly/i;

/**
 * The SQLSTATE (or socket error code) behind a Prisma / driver adapter / pg error, wherever it
 * sits; `08006` (connection failure) for a connection node-postgres lost without a code.
 */
export function databaseErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  let lost = false;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; originalCode?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };
    if (typeof e.originalCode === "string") return e.originalCode;
    if (typeof e.code === "string" && /^(?:[0-9A-Z]{5}|E[A-Z]+)$/.test(e.code) && !/^P\d{4}$/.test(e.code)) return e.code;
    if (typeof e.message === "string" && LOST_CONNECTION.test(e.message)) lost = true;
    current = e.meta?.driverAdapterError?.cause ?? e.meta?.driverAdapterError ?? e.cause;
  }
  return lost ? "08006" : undefined;
}

const MESSAGES: { match: (code: string) => boolean; message: string }[] = [
  {
    match: (code) => code === "25006",
    message: "The database is read-only right now (maintenance or a failover). Nothing was saved; try again in a few minutes.",
  },
  {
    match: (code) => code.startsWith("53"),
    message: "The database is out of space or resources. Nothing was saved; try again later and tell an administrator.",
  },
  {
    match: (code) => code.startsWith("08") || code.startsWith("57P") || ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"].includes(code),
    message: "The database cannot be reached right now. Nothing was saved; try again in a moment.",
  },
];

/**
 * A database that refuses writes (read-only, full) or has gone away is not a bug: the user gets a
 * clear 503 saying nothing was saved (every change runs in one transaction, so that is true), and
 * the server logs a warning instead of an error report. Null for anything else.
 */
export function databaseUnavailable(error: unknown): AppError | null {
  const code = databaseErrorCode(error);
  const known = code && MESSAGES.find((m) => m.match(code));
  return known ? Object.assign(new AppError("UNAVAILABLE", known.message), { databaseCode: code }) : null;
}
