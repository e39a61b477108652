"use client";

import { useActionState } from "react";
import { closeEscalationAction, takeEscalationAction } from "@/app/actions/escalations";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";

/** Take an open escalation (if no one has), and close it with a note. */
export function EscalationActions({ escalationId, ticketRef, taken }: { escalationId: string; ticketRef: string; taken: boolean }) {
  const [takeState, take, taking] = useActionState(takeEscalationAction, null);
  const [closeState, close, closing] = useActionState(closeEscalationAction, null);
  const noteError = closeState && !closeState.ok ? closeState.fieldErrors?.note : undefined;
  const noteId = `close-note-${escalationId}`;
  return (
    <div className="flex flex-col gap-2">
      {!taken ? (
        <form action={take} className="flex items-center gap-2">
          <input type="hidden" name="escalationId" value={escalationId} />
          <Button type="submit" variant="secondary" disabled={taking} aria-label={`Take the escalation of ${ticketRef}`}>
            Take
          </Button>
          {takeState && !takeState.ok ? <ActionMessage state={takeState} /> : null}
        </form>
      ) : null}
      <form action={close} onSubmit={submitKeepingValues(close)} className="flex flex-col gap-1">
        <input type="hidden" name="escalationId" value={escalationId} />
        <label htmlFor={noteId} className="text-xs font-medium text-slate-700">
          Note on closing {ticketRef}
        </label>
        <textarea id={noteId} name="note" rows={2} maxLength={2000} required className="rounded-md border border-slate-300 px-2 py-1 text-sm" />
        {noteError ? <p className="text-xs font-medium text-red-700">{noteError.join(" ")}</p> : null}
        <div className="flex items-center gap-2">
          <Button type="submit" disabled={closing}>
            Close escalation
          </Button>
          {closeState && !closeState.ok && !noteError ? <ActionMessage state={closeState} /> : null}
        </div>
      </form>
    </div>
  );
}
