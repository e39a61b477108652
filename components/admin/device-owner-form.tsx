"use client";

import { useActionState } from "react";
import { changeDeviceOwnerAction } from "@/app/actions/devices";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrors } from "./field-errors";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

export function DeviceOwnerForm({ serial }: { serial: string }) {
  const [state, action, pending] = useActionState(changeDeviceOwnerAction, null);
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-3">
      <input type="hidden" name="serial" value={serial} />
      <Field label="New owner email" name="ownerEmail" type="email" required maxLength={254} errors={fieldErrors(state, "ownerEmail")} />
      <Field label="New owner name" name="ownerName" required maxLength={120} errors={fieldErrors(state, "ownerName")} />
      <Field label="Reason for the change" name="reason" required minLength={10} maxLength={500} errors={fieldErrors(state, "reason")} id="owner-reason" />
      <Field
        label="Your password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        hint="Changing an owner of record needs your password; the previous owner is told by email."
        errors={fieldErrors(state, "password")}
      />
      <Button type="submit" variant="danger" disabled={pending}>
        Change owner of record
      </Button>
      <ActionMessage state={state} />
    </form>
  );
}
