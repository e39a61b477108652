"use client";

import { useActionState, useState } from "react";
import { requeueEmailAction } from "@/app/actions/tickets";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action-state";

/**
 * Requeue a failed email, after a confirm step (supervisors and admins; the page decides who
 * sees it, the action decides who may). Stays mounted once the row is no longer failed, so the
 * outcome of the click remains readable after the page refreshes.
 */
export function RequeueEmailButton({ ticketId, emailId, failed }: { ticketId: string; emailId: string; failed: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [state, requeue, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await requeueEmailAction(prev, form);
    setConfirming(false);
    return next;
  }, null);

  if (!failed && !state) return null;
  return (
    <div className="flex basis-full flex-col items-end gap-2">
      {failed && confirming ? (
        <form action={requeue} className="flex flex-wrap items-center justify-end gap-2">
          <input type="hidden" name="ticketId" value={ticketId} />
          <input type="hidden" name="emailId" value={emailId} />
          <span className="text-xs text-slate-700">Send it to the owner of record again?</span>
          <Button type="submit" disabled={pending}>
            {pending ? "Requeuing…" : "Yes, requeue"}
          </Button>
          <Button variant="ghost" disabled={pending} onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </form>
      ) : failed ? (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Requeue email
        </Button>
      ) : null}
      <div aria-live="polite">
        <ActionMessage state={state} />
      </div>
    </div>
  );
}
