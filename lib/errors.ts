import { z } from "zod";

/** Typed failures that map to a clear message and an HTTP status; never a stack trace. */
export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  INVALID_STATE: 409,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in.",
  FORBIDDEN: "Your role does not allow this.",
  NOT_FOUND: "Not found.",
  INVALID_INPUT: "Some fields need attention.",
  INVALID_STATE: "This is not possible in the ticket's current state.",
  CONFLICT: "Someone else changed this first. Reload and try again.",
  TOO_LARGE: "This is larger than the server accepts.",
  RATE_LIMITED: "Too many attempts. Please wait and try again.",
  UNAVAILABLE: "The service is unavailable. Try again shortly.",
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: ErrorCode, message?: string, fieldErrors?: Record<string, string[]>) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** A form's field labels by field name, so a message names "Reason", never `reason`. */
export type FieldLabels = Record<string, string>;

/**
 * An INVALID_INPUT error with the fields that need attention (empty lists dropped). With the
 * form's `labels`, the message names those fields by their labels ("Check Reason and Ticket."),
 * which matters most for a field the form does not show next to an input (a hidden id).
 */
export function invalidInput(fieldErrors: Record<string, string[] | undefined>, labels?: FieldLabels): AppError {
  const clean = Object.fromEntries(Object.entries(fieldErrors).filter((e): e is [string, string[]] => !!e[1]?.length));
  const named = labels ? Object.keys(clean).map((key) => labels[key] ?? null) : [];
  const message = named.length && named.every((n) => n !== null) ? `Check ${listInWords(named as string[])}.` : undefined;
  return new AppError("INVALID_INPUT", message, clean);
}

function listInWords(items: string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Validates untrusted input once, at the boundary: the parsed value, or INVALID_INPUT with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, labels?: FieldLabels): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>, labels);
  return parsed.data;
}
