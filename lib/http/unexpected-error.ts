import { randomBytes } from "node:crypto";
import { logger, type LogContext } from "@/lib/log";

/** Errors already logged, so one that passes through two handlers is logged once, under one id. */
const reported = new WeakMap<object, string>();

/** A short random id the user can quote and support can find in the logs ("7f3a9c21"). */
export function newErrorId(): string {
  return randomBytes(4).toString("hex");
}

/**
 * The one place an unexpected error (not an AppError) of a server action or route handler is
 * logged: once, at error level, with its redacted message and stack, the request's context and an
 * error id. Returns that id for the answer the user sees (unexpectedErrorMessage).
 */
export function reportUnexpectedError(error: unknown, context: LogContext & { what: string }): string {
  const key = typeof error === "object" && error !== null ? error : undefined;
  const known = key && reported.get(key);
  if (known) return known;
  const errorId = newErrorId();
  if (key) reported.set(key, errorId);
  const { what, ...rest } = context;
  logger(rest).error({ errorId, err: error }, `${what} failed`);
  return errorId;
}

/** "Something went wrong. … (error id 7f3a9c21)": no detail of the cause, only the id to quote. */
export function unexpectedErrorMessage(errorId: string, lead = "Something went wrong."): string {
  return `${lead} (error id ${errorId})`;
}
