"use client";

import { useActionState } from "react";
import { addNoteAction } from "@/app/(console)/tickets/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { FieldError, fieldAria } from "@/components/ui/field";

export function NoteForm({ ticketId }: { ticketId: string }) {
  const [state, action, pending] = useActionState(addNoteAction, null);
  const error = state && !state.ok ? state.fieldErrors?.body : undefined;
  const aria = fieldAria("note-body", { errors: error });
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="ticketId" value={ticketId} />
      <label htmlFor="note-body" className="text-sm font-medium">
        Internal note <span className="font-normal text-slate-500">(never sent to the customer)</span>
      </label>
      <textarea id="note-body" name="body" rows={3} maxLength={4000} {...aria.control} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
      <FieldError id={aria.errorId} errors={error} className="text-xs text-red-700" />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Add note
        </Button>
        {state?.ok ? <ActionMessage state={state} /> : null}
      </div>
    </form>
  );
}
