"use client";

import { useActionState } from "react";
import { setUserRoleAction } from "@/app/actions/users";
import { useStepUp } from "@/components/auth/step-up";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { ROLE_OPTIONS } from "./invite-user-form";

export function UserRoleForm({ userId, name, role }: { userId: string; name: string; role: string }) {
  const [state, action, pending] = useActionState(setUserRoleAction, null);
  const stepUp = useStepUp(state, action);
  return (
    <form action={action} onSubmit={stepUp.onSubmit} className="flex flex-col gap-1">
      <input type="hidden" name="userId" value={userId} />
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={`role-${userId}`}>{`Role of ${name}`}</label>
        <select id={`role-${userId}`} name="role" defaultValue={role} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" disabled={pending} aria-label={`Save role of ${name}`}>
          Save
        </Button>
      </div>
      <ActionMessage state={state} />
      {stepUp.dialog}
    </form>
  );
}
