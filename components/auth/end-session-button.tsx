"use client";

import { useActionState } from "react";
import { endSessionAction } from "@/app/actions/mfa";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";

export function EndSessionButton({ sessionId, label }: { sessionId: string; label: string }) {
  const [state, action, pending] = useActionState(endSessionAction, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="sessionId" value={sessionId} />
      <button type="submit" disabled={pending} className={buttonClasses("secondary")} aria-label={`Sign out ${label}`}>
        Sign out
      </button>
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
