"use client";

import { useActionState, useEffect, useRef } from "react";
import { addNoteAction } from "@/app/actions/tickets";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { FieldError, fieldAria } from "@/components/ui/field";

/**
 * Adds an internal note. While the ticket waits for review, the agent is asked for a note to the
 * reviewer instead: how they checked who is calling, what the customer said.
 */
export function NoteForm({ ticketId, forReviewer = false }: { ticketId: string; forReviewer?: boolean }) {
  const [state, action, pending] = useActionState(addNoteAction, null);
  const error = state && !state.ok ? state.fieldErrors?.body : undefined;
  const form = useRef<HTMLFormElement>(null);
  // Kept on a refusal; emptied once the note is saved, so it is not added twice.
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const aria = fieldAria("note-body", { hint: forReviewer, errors: error });
  return (
    <form ref={form} action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-2">
      <input type="hidden" name="ticketId" value={ticketId} />
      {forReviewer ? <input type="hidden" name="toReviewer" value="on" /> : null}
      <label htmlFor="note-body" className="text-sm font-medium">
        {forReviewer ? "Note to reviewer" : "Internal note"} <span className="font-normal text-slate-500">(never sent to the customer)</span>
      </label>
      {forReviewer ? (
        <p id={aria.hintId} className="text-xs text-amber-900">
          A supervisor decides this ticket. Tell them how you checked who is calling and anything the customer said that matters.
        </p>
      ) : null}
      <textarea id="note-body" name="body" rows={3} maxLength={4000} {...aria.control} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
      <FieldError id={aria.errorId} errors={error} className="text-xs text-red-700" />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {forReviewer ? "Add note to reviewer" : "Add note"}
        </Button>
        {state?.ok ? <ActionMessage state={state} /> : null}
      </div>
    </form>
  );
}
