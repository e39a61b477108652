"use client";

import { useActionState } from "react";
import { changeDeviceOwnerAction } from "@/app/actions/devices";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrors } from "./field-errors";
import { useStepUp } from "@/components/auth/step-up";

export function DeviceOwnerForm({ serial }: { serial: string }) {
  const [state, action, pending] = useActionState(changeDeviceOwnerAction, null);
  const stepUp = useStepUp(state, action);
  return (
    <form action={action} onSubmit={stepUp.onSubmit} className="flex flex-col gap-3">
      <input type="hidden" name="serial" value={serial} />
      <Field label="New owner email" name="ownerEmail" type="email" required maxLength={254} errors={fieldErrors(state, "ownerEmail")} />
      <Field label="New owner name" name="ownerName" required maxLength={120} errors={fieldErrors(state, "ownerName")} />
      <Field label="Reason for the change" name="reason" required minLength={10} maxLength={500} errors={fieldErrors(state, "reason")} id="owner-reason" />
      <p className="text-xs text-slate-600">
        Changing an owner of record asks for your authenticator code if your last one is more than 5 minutes old; the previous owner is told by email.
      </p>
      <Button type="submit" variant="danger" disabled={pending}>
        Change owner of record
      </Button>
      <ActionMessage state={state} />
      {stepUp.dialog}
    </form>
  );
}
