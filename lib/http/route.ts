import "server-only";
import { requireUser, type SessionUser } from "@/lib/auth/guard";
import { isAppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * A route handler that checks session and role itself before doing anything, and turns typed
 * errors into JSON with the right status (never a stack trace).
 */
export function guardedRoute<C>(minimum: Role, what: string, handler: (request: Request, user: SessionUser, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      const user = await requireUser(minimum, what);
      return await handler(request, user, context);
    } catch (e) {
      if (isAppError(e)) return Response.json({ error: e.code, message: e.message, fieldErrors: e.fieldErrors }, { status: e.status });
      console.error(`route ${what} failed:`, e instanceof Error ? e.name : typeof e);
      return Response.json({ error: "INTERNAL", message: "Something went wrong." }, { status: 500 });
    }
  };
}
