import { isAppError } from "@/lib/errors";

/** What every server action returns to useActionState: a message, or an error with field errors. */
export type ActionState = { ok: true; message: string } | { ok: false; error: string; fieldErrors?: Record<string, string[]> } | null;

/** Maps a thrown error to a safe state; anything unexpected becomes a generic message (no stack). */
export function actionError(e: unknown): ActionState {
  if (isAppError(e)) return { ok: false, error: e.message, fieldErrors: e.fieldErrors };
  console.error("server action failed:", e instanceof Error ? e.name : typeof e);
  return { ok: false, error: "Something went wrong. Nothing was changed; please try again." };
}
