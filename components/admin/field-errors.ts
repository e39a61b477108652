import type { ActionState } from "@/lib/http/action-state";

/** The field errors of a failed action state, for one field. */
export function fieldErrors(state: ActionState | { ok: boolean } | null, name: string): string[] | undefined {
  return state && "fieldErrors" in state ? state.fieldErrors?.[name] : undefined;
}
