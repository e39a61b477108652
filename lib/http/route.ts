import "server-only";
import { requireUser, type SessionUser } from "@/lib/auth/guard";
import { unstable_rethrow } from "next/navigation";
import { isAppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { withLogContext } from "@/lib/log";
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
  return (request: Request, context: C): Promise<Response> =>
    withLogContext({ route: what, requestId: requestIdOf(request) }, async () => {
      let userId: string | undefined;
      try {
        const user = await requireUser(minimum, what);
        userId = user.id;
        return await withLogContext({ userId }, () => handler(request, user, context));
      } catch (e) {
        unstable_rethrow(e);
        if (isAppError(e)) return Response.json({ error: e.code, message: e.message, fieldErrors: e.fieldErrors }, { status: e.status });
        const errorId = reportUnexpectedError(e, { what: `route ${what}`, userId });
        return Response.json({ error: "INTERNAL", message: unexpectedErrorMessage(errorId), errorId }, { status: 500 });
      }
    });
}
