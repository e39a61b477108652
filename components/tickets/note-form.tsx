"use client";

import { useActionState, useEffect, useRef } from "react";
import { addNoteAction } from "@/app/actions/tickets";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

export function NoteForm({ ticketId }: { ticketId: string }) {
  const [state, action, pending] = useActionState(addNoteAction, null);
  const error = state && !state.ok ? state.fieldErrors?.body : undefined;
  const form = useRef<HTMLFormElement>(null);
  // Kept on a refusal; emptied once the note is saved, so it is not added twice.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-2">
      <input type="hidden" name="ticketId" value={ticketId} />
      <label htmlFor="note-body" className="text-sm font-medium">
        Internal note <span className="font-normal text-slate-500">(never sent to the customer)</span>
      </label>
      <textarea
        id="note-body"
        name="body"
        rows={3}
        maxLength={4000}
        aria-describedby={error ? "note-body-error" : undefined}
        className="rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      {error ? (
        <p id="note-body-error" className="text-xs text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Add note
        </Button>
        {state?.ok ? <ActionMessage state={state} /> : null}
      </div>
    </form>
  );
}
