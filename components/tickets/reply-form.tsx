"use client";

import { useActionState, useEffect, useRef } from "react";
import { replyToRequesterAction } from "@/app/actions/tickets";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { FieldError, fieldAria } from "@/components/ui/field";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

/**
 * The agent's email answer to the requester, threaded under their last email. A canned reply
 * (the reason codes' templates) can be taken as the start. The reset code never goes this way.
 */
export function ReplyForm({ ticketId, to, canned }: { ticketId: string; to: string; canned: { label: string; body: string }[] }) {
  const [state, action, pending] = useActionState(replyToRequesterAction, null);
  const error = state && !state.ok ? state.fieldErrors?.body : undefined;
  const form = useRef<HTMLFormElement>(null);
  const body = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const aria = fieldAria("reply-body", { hint: true, errors: error });
  return (
    <form ref={form} action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-2">
      <input type="hidden" name="ticketId" value={ticketId} />
      {canned.length ? (
        <label className="flex min-w-0 flex-col gap-1 text-sm">
          <span className="font-medium">Start from a canned reply</span>
          {/* Its options are whole next steps: as wide as the form, never as wide as the longest one. */}
          <select
            className="w-full min-w-0 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
            defaultValue=""
            onChange={(event) => {
              const picked = canned[Number(event.target.value)];
              if (picked && body.current) body.current.value = picked.body;
            }}
          >
            <option value="">—</option>
            {canned.map((c, i) => (
              <option key={c.label} value={i}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label htmlFor="reply-body" className="text-sm font-medium break-all">
        Reply to {to}
      </label>
      <p id={aria.hintId} className="text-xs text-slate-600">
        Goes to the requester by email, threaded under their message. Never put a code here: the code goes only to the owner of record, in its own email.
      </p>
      <textarea
        ref={body}
        id="reply-body"
        name="body"
        rows={5}
        maxLength={4000}
        {...aria.control}
        className="rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      <FieldError id={aria.errorId} errors={error} className="text-xs text-red-700" />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Send reply
        </Button>
        {state?.ok ? <ActionMessage state={state} /> : null}
      </div>
    </form>
  );
}
