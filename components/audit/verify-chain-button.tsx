"use client";

import { useActionState } from "react";
import { verifyChainAction } from "@/app/actions/audit";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

export function VerifyChainButton() {
  const [state, action, pending] = useActionState(verifyChainAction, null);
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-3">
      <Field
        label="Anchor to check (optional)"
        name="anchor"
        placeholder="seq:hash"
        autoComplete="off"
        errors={state && !state.ok ? state.fieldErrors?.anchor : undefined}
        hint="An anchor you downloaded earlier: proves the log was not cut back or rewritten since."
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Verifying…" : "Verify audit chain"}
        </Button>
      </div>
      <div aria-live="polite">
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
