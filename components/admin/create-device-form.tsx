"use client";

import { useActionState } from "react";
import { createDeviceAction } from "@/app/actions/devices";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrors } from "./field-errors";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

export function CreateDeviceForm() {
  const [state, action, pending] = useActionState(createDeviceAction, null);
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="grid gap-3 sm:grid-cols-3">
      <Field label="Serial" name="serial" required maxLength={32} errors={fieldErrors(state, "serial")} />
      <Field label="Model" name="model" required maxLength={64} errors={fieldErrors(state, "model")} />
      <Field label="MAC address" name="mac" required maxLength={17} errors={fieldErrors(state, "mac")} />
      <Field label="Key version" name="keyVersion" type="number" min={1} max={255} defaultValue={1} required errors={fieldErrors(state, "keyVersion")} />
      <Field label="Owner email" name="ownerEmail" type="email" required maxLength={254} errors={fieldErrors(state, "ownerEmail")} />
      <Field label="Owner name" name="ownerName" required maxLength={120} errors={fieldErrors(state, "ownerName")} />
      <div className="flex items-center gap-3 sm:col-span-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Registering…" : "Register device"}
        </Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
