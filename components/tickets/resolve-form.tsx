"use client";

import { useActionState, useState } from "react";
import { resolveTicketAction } from "@/app/actions/tickets";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** Resolve with an outcome; "Duplicate of" asks for the other ticket's number, "Other" for a note. */
export function ResolveForm({ ticketId, outcomes }: { ticketId: string; outcomes: { value: string; label: string; disabled?: string | null }[] }) {
  const [state, action, pending] = useActionState(resolveTicketAction, null);
  const [outcome, setOutcome] = useState<string>("");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-3">
      <input type="hidden" name="ticketId" value={ticketId} />
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-medium">Outcome</legend>
        {outcomes.map((o) => (
          <label key={o.value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="outcome" value={o.value} checked={outcome === o.value} onChange={() => setOutcome(o.value)} disabled={!!o.disabled} />
            {o.label}
            {o.disabled ? <span className="text-xs text-slate-500">({o.disabled})</span> : null}
          </label>
        ))}
        {errors.outcome ? <p className="text-xs font-medium text-red-700">{errors.outcome.join(" ")}</p> : null}
      </fieldset>
      {outcome === "DUPLICATE" ? (
        <Field label="Duplicate of ticket" name="duplicateOf" placeholder="RT-000123" autoComplete="off" required errors={errors.duplicateOf} />
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="resolve-note" className="text-sm font-medium">
          Note{" "}
          {outcome === "OTHER" ? (
            <span className="font-normal text-slate-500">(required: how did it end?)</span>
          ) : (
            <span className="font-normal text-slate-500">(optional)</span>
          )}
        </label>
        <textarea id="resolve-note" name="note" rows={2} maxLength={2000} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
        {errors.note ? <p className="text-xs font-medium text-red-700">{errors.note.join(" ")}</p> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending || !outcome}>
          Resolve
        </Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
