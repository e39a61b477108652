"use client";

import { useActionState } from "react";
import { setDeviceStatusAction } from "@/app/actions/devices";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrors } from "./field-errors";
import { SelectField } from "./select-field";
import { useStepUp } from "@/components/auth/step-up";

const STATUS_OPTIONS = [
  { value: "ACTIVE", label: "Active" },
  { value: "BLOCKED", label: "Blocked" },
  { value: "STOLEN", label: "Stolen" },
] as const;

export function DeviceStatusForm({ serial, status }: { serial: string; status: string }) {
  const [state, action, pending] = useActionState(setDeviceStatusAction, null);
  const stepUp = useStepUp(state, action);
  return (
    <form action={action} onSubmit={stepUp.onSubmit} className="flex flex-col gap-3">
      <input type="hidden" name="serial" value={serial} />
      <SelectField label="New status" name="status" options={STATUS_OPTIONS.filter((o) => o.value !== status)} errors={fieldErrors(state, "status")} />
      <Field
        label="Reason"
        name="reason"
        required
        minLength={10}
        maxLength={500}
        hint="Kept with the device and in the audit log."
        errors={fieldErrors(state, "reason")}
      />
      {status !== "ACTIVE" ? (
        <p className="text-xs text-slate-600">
          Making a blocked or stolen recorder active again reopens it to resets: it asks for your authenticator code if your last one is more than 5 minutes
          old.
        </p>
      ) : null}
      <Button type="submit" variant="danger" disabled={pending}>
        Change status
      </Button>
      <ActionMessage state={state} />
      {stepUp.dialog}
    </form>
  );
}
