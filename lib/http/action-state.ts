import { unstable_rethrow } from "next/navigation";
import { databaseErrorCode, databaseUnavailable } from "@/lib/db/database-errors";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { reportUnexpectedError, unexpectedErrorMessage } from "./unexpected-error";

/**
 * What every server action returns to useActionState: a message (and, for an action that makes
 * credentials, `reveal`: what to show once and never again — recovery codes, an API token, a
 * webhook signing secret), or an error with field errors.
 */
export type ActionState = { ok: true; message: string; reveal?: string[] } | { ok: false; error: string; fieldErrors?: Record<string, string[]> } | null;

/**
 * Maps a thrown error to a safe state. Next's own control flow (redirect(), notFound(),
 * forbidden()) is thrown on, not swallowed. Anything unexpected is logged once (redacted, with an error
 * id and the action's log context) and becomes a generic message carrying only that id.
 */
export function actionError(e: unknown): ActionState {
  unstable_rethrow(e);
  if (isAppError(e)) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
  const unavailable = databaseUnavailable(e);
  if (unavailable) {
    logger().warn({ databaseCode: databaseErrorCode(e) }, "database unavailable: the action changed nothing");
    return { ok: false, error: unavailable.message };
  }
  const errorId = reportUnexpectedError(e, { what: "server action" });
  return { ok: false, error: unexpectedErrorMessage(errorId, "Something went wrong. Nothing was changed; please try again.") };
}
