"use client";

import { useActionState } from "react";
import { verifyChainAction } from "@/app/(console)/audit/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";

export function VerifyChainButton() {
  const [state, action, pending] = useActionState(verifyChainAction, null);
  return (
    <form action={action} className="flex flex-col gap-3">
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Verifying…" : "Verify audit chain"}
        </Button>
      </div>
      <div aria-live="polite">
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
