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

/** An INVALID_INPUT error with the fields that need attention (empty lists dropped). */
export function invalidInput(fieldErrors: Record<string, string[] | undefined>): AppError {
  const clean = Object.fromEntries(Object.entries(fieldErrors).filter((e): e is [string, string[]] => !!e[1]?.length));
  return new AppError("INVALID_INPUT", undefined, clean);
}

/** Validates untrusted input once, at the boundary: the parsed value, or INVALID_INPUT with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidInput(z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>);
  return parsed.data;
}
