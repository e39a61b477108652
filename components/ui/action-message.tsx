import type { ActionState } from "@/lib/http/action-state";
import { Alert } from "./alert";

export function ActionMessage({ state }: { state: ActionState }) {
  if (!state) return null;
  return state.ok ? <Alert tone="success">{state.message}</Alert> : <Alert tone="error">{state.error}</Alert>;
}
