"use client";

import { useActionState } from "react";
import { setUserActiveAction } from "@/app/actions/users";
import { Button } from "@/components/ui/button";
import { ActionMessage } from "@/components/ui/action-message";

export function UserActiveToggle({ userId, name, active }: { userId: string; name: string; active: boolean }) {
  const [state, action, pending] = useActionState(setUserActiveAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <Button type="submit" variant={active ? "secondary" : "primary"} disabled={pending} aria-label={`${active ? "Disable" : "Enable"} ${name}`}>
        {active ? "Disable" : "Enable"}
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
