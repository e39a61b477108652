"use client";

import { useActionState } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action-state";

/** A one-click admin action on a user (clear sign-in lock, resend invitation). */
export function UserIdButton({
  userId,
  label,
  ariaLabel,
  action: serverAction,
}: {
  userId: string;
  label: string;
  ariaLabel: string;
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const [state, action, pending] = useActionState(serverAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" variant="ghost" disabled={pending} aria-label={ariaLabel}>
        {label}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
