"use client";

import Link from "next/link";
import { useActionState } from "react";
import { acceptInvitationAction } from "@/app/actions/invitation";
import { ActionMessage } from "@/components/ui/action-message";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrors } from "./field-errors";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

export function SetPasswordForm({
  invitationId,
  token,
  email,
  minLength,
  maxLength,
}: {
  invitationId: string;
  token: string;
  email: string;
  minLength: number;
  maxLength: number;
}) {
  const [state, action, pending] = useActionState(acceptInvitationAction, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <ActionMessage state={state} />
        <Link href="/login" className={buttonClasses("primary")}>
          Go to sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-4">
      <input type="hidden" name="invitationId" value={invitationId} />
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers store the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      {state && !state.ok && !state.fieldErrors ? <ActionMessage state={state} /> : null}
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        maxLength={maxLength}
        hint={`${minLength}–${maxLength} characters.`}
        errors={fieldErrors(state, "password")}
      />
      <Field
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        maxLength={maxLength}
        errors={fieldErrors(state, "confirm")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set password"}
      </Button>
    </form>
  );
}
