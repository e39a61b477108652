"use client";

import { useActionState } from "react";
import { saveReplyTemplateAction } from "@/app/actions/templates";
import { fieldErrors } from "@/components/admin/field-errors";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import type { ReplyTemplateView } from "@/lib/guidance/reply-templates";

/** One reply's editor: saving makes a new version; what was typed stays after a refusal. */
export function ReplyTemplateForm({ template }: { template: ReplyTemplateView }) {
  const [state, action, pending] = useActionState(saveReplyTemplateAction, null);
  const id = `reply-${template.reasonCode}`;
  const errors = fieldErrors(state, "body");
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-2">
      <input type="hidden" name="reasonCode" value={template.reasonCode} />
      <input type="hidden" name="baseVersion" value={template.version} />
      <label htmlFor={id} className="text-sm font-medium">
        Reply for {template.reasonCode}
      </label>
      <textarea
        id={id}
        name="body"
        rows={6}
        maxLength={4000}
        defaultValue={template.body}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : `${id}-hint`}
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-[13px]"
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        {"{name}"} becomes the customer&apos;s name and {"{ref}"} the ticket reference. Never name a recorder&apos;s registry status.
      </p>
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save new version"}
        </Button>
        <div aria-live="polite">
          <ActionMessage state={state} />
        </div>
      </div>
    </form>
  );
}
