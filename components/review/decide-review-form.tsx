"use client";

import { useActionState, useState } from "react";
import { decideReviewAction } from "@/app/actions/review";
import { useStepUp } from "@/components/auth/step-up";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FieldError, fieldAria } from "@/components/ui/field";

const ALTERNATE_REASON_MIN = 20;

/**
 * Approve (optionally to another address, with a written reason) or refuse with a reason.
 * Stays mounted after the decision (`open` turns false when the page re-renders) so the outcome
 * message remains; the inputs are controlled so a rejected attempt keeps what was typed.
 */
export function DecideReviewForm({ ticketId, ownerEmail, open }: { ticketId: string; ownerEmail: string | null; open: boolean }) {
  const [state, action, pending] = useActionState(decideReviewAction, null);
  const stepUp = useStepUp(state, action);
  const [destination, setDestination] = useState("");
  const [reason, setReason] = useState("");
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const reasonAria = fieldAria("review-reason", { hint: true, errors: errors?.reason });
  if (state?.ok) return <ActionMessage state={state} />;
  if (!open) return null;
  return (
    <form action={action} onSubmit={stepUp.onSubmit} className="flex flex-col gap-4">
      <input type="hidden" name="ticketId" value={ticketId} />
      <Field
        label="Send the code to another address (optional)"
        name="destination"
        type="email"
        autoComplete="off"
        value={destination}
        onChange={(e) => setDestination(e.target.value)}
        errors={errors?.destination}
        hint={ownerEmail ? `Leave empty to send it to the owner of record (${ownerEmail}).` : "Leave empty to send it to the owner of record."}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="review-reason" className="text-sm font-medium text-slate-800">
          Reason
        </label>
        <textarea
          id="review-reason"
          name="reason"
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...reasonAria.control}
          className="rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm aria-[invalid=true]:border-red-600"
        />
        <p id={reasonAria.hintId} className="text-xs text-slate-600">
          Required to refuse, and at least {ALTERNATE_REASON_MIN} characters to send the code anywhere but the owner of record.
        </p>
        <FieldError id={reasonAria.errorId} errors={errors?.reason} />
      </div>
      {/* "and next" decides and opens the next ticket to review; the keys are declared here, the console's one listener presses them. */}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="APPROVE_NEXT" disabled={pending} aria-keyshortcuts="a">
          Approve and next{" "}
          <kbd aria-hidden className="rounded bg-white/20 px-1 font-mono text-xs">
            a
          </kbd>
        </Button>
        <Button type="submit" name="decision" value="APPROVE" variant="secondary" disabled={pending}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="REFUSE_NEXT" variant="danger" disabled={pending} aria-keyshortcuts="x">
          Refuse and next{" "}
          <kbd aria-hidden className="rounded bg-white/20 px-1 font-mono text-xs">
            x
          </kbd>
        </Button>
        <Button type="submit" name="decision" value="REFUSE" variant="secondary" disabled={pending}>
          Refuse
        </Button>
      </div>
      <div aria-live="polite">{state && !state.ok ? <ActionMessage state={state} /> : null}</div>
      {stepUp.dialog}
    </form>
  );
}
