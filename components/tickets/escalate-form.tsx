"use client";

import { useActionState } from "react";
import { escalateTicketAction } from "@/app/actions/tickets";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";

/**
 * One action hands the ticket to the supervisors; the note is internal. It stays mounted once
 * escalated, so what the agent may tell the customer (the action's message) stays on screen.
 */
export function EscalateForm({ ticketId, escalated }: { ticketId: string; escalated: boolean }) {
  const [state, action, pending] = useActionState(escalateTicketAction, null);
  if (escalated) {
    return (
      <div className="flex flex-col gap-2">
        <p className="rounded bg-amber-50 p-3 text-sm text-amber-950">Escalated to the supervisors; waiting for one of them to handle it.</p>
        <ActionMessage state={state} />
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="ticketId" value={ticketId} />
      <label htmlFor="escalate-note" className="text-sm font-medium">
        Note for the supervisor <span className="font-normal text-slate-500">(optional, never sent to the customer)</span>
      </label>
      <textarea id="escalate-note" name="note" rows={2} maxLength={2000} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Escalate
        </Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
