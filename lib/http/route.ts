import "server-only";
import { requireUser, type SessionUser } from "@/lib/auth/guard";
import { unstable_rethrow } from "next/navigation";
import { databaseErrorCode, databaseUnavailable } from "@/lib/db/database-errors";
import { isAppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger, withLogContext } from "@/lib/log";
import { metrics, secondsSince } from "@/lib/metrics/metrics";
import { reportUnexpectedError, unexpectedErrorMessage } from "./unexpected-error";

/** The caller's X-Request-Id when it is a plain token (a proxy's), else a fresh one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : crypto.randomUUID();
}

/**
 * A route handler that checks session and role itself before doing anything, and turns typed
 * errors into JSON with the right status (never a stack trace). Every line logged while it runs
 * carries the route, the request id and, once known, the user id; an unexpected error is logged
 * once and answered with a 500 whose body carries only its `errorId`.
 */
export function guardedRoute<C>(minimum: Role, what: string, handler: (request: Request, user: SessionUser, context: C) => Promise<Response>) {
  return (request: Request, context: C): Promise<Response> => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    return withLogContext({ route: what, requestId }, async () => {
      const caller: { userId?: string } = {};
      const response = await answer(request, context, caller);
      const seconds = secondsSince(started);
      const outcome = `${Math.floor(response.status / 100)}xx`;
      metrics().httpDuration.observe({ route: what, outcome }, seconds);
      logger({ component: "http", ...caller }).info({ status: response.status, durationMs: Math.round(seconds * 1000) }, "request answered");
      return withRequestId(response, requestId);
    });
  };

  async function answer(request: Request, context: C, caller: { userId?: string }): Promise<Response> {
    let userId: string | undefined;
    try {
      const user = await requireUser(minimum, what);
      userId = caller.userId = user.id;
      return await withLogContext({ userId }, () => handler(request, user, context));
    } catch (e) {
      unstable_rethrow(e);
      if (isAppError(e)) return Response.json({ error: e.code, message: e.message, fieldErrors: e.fieldErrors }, { status: e.status });
      const unavailable = databaseUnavailable(e);
      if (unavailable) {
        logger({ component: "http" }).warn({ databaseCode: databaseErrorCode(e) }, "database unavailable: the request changed nothing");
        return Response.json({ error: unavailable.code, message: unavailable.message }, { status: unavailable.status, headers: { "Retry-After": "30" } });
      }
      const errorId = reportUnexpectedError(e, { what: `route ${what}`, userId });
      return Response.json({ error: "INTERNAL", message: unexpectedErrorMessage(errorId), errorId }, { status: 500 });
    }
  }
}

/** The request id goes back to the caller, so a support request can quote it. */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("X-Request-Id", requestId);
    return response;
  } catch {
    // Immutable headers (a fetched or redirect response): copy once.
    const copy = new Response(response.body, response);
    copy.headers.set("X-Request-Id", requestId);
    return copy;
  }
}
