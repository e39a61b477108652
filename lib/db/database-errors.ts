import { AppError } from "@/lib/errors";

/** The SQLSTATE (or socket error code) behind a Prisma / driver adapter / pg error, wherever it sits. */
export function databaseErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };
    if (typeof e.originalCode === "string") return e.originalCode;
    if (typeof e.code === "string" && /^(?:[0-9A-Z]{5}|E[A-Z]+)$/.test(e.code) && !/^P\d{4}$/.test(e.code)) return e.code;
    current = e.meta?.driverAdapterError?.cause ?? e.meta?.driverAdapterError ?? e.cause;
  }
  return undefined;
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
