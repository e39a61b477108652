"use client";

import { useActionState } from "react";
import { reopenTicketAction } from "@/app/actions/tickets";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";

export function ReopenForm({ ticketId }: { ticketId: string }) {
  const [state, action, pending] = useActionState(reopenTicketAction, null);
  const error = state && !state.ok ? state.fieldErrors?.reason : undefined;
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-2">
      <input type="hidden" name="ticketId" value={ticketId} />
      <label htmlFor="reopen-reason" className="text-sm font-medium">
        Reason for reopening
      </label>
      <textarea id="reopen-reason" name="reason" rows={2} maxLength={2000} required className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
      {error ? <p className="text-xs font-medium text-red-700">{error.join(" ")}</p> : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Reopen
        </Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
