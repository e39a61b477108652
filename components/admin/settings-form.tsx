"use client";

import { useActionState } from "react";
import { updateSettingsAction } from "@/app/actions/settings";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Settings } from "@/lib/settings/defaults";
import { fieldErrors } from "./field-errors";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

const NUMBER_FIELDS: { name: keyof Settings; label: string; min: number; max: number }[] = [
  { name: "challengeLifetimeHours", label: "Challenge lifetime (hours)", min: 1, max: 168 },
  { name: "clockAheadToleranceMinutes", label: "Recorder clock ahead tolerance (minutes)", min: 0, max: 240 },
  { name: "clockBehindToleranceHours", label: "Recorder clock behind tolerance (hours)", min: 0, max: 720 },
  { name: "maxIssuesPerDevice30d", label: "Codes per device per 30 days", min: 1, max: 50 },
  { name: "maxIssuesPerRequesterPerDay", label: "Codes per requester per day", min: 1, max: 50 },
  { name: "maxIssuesPerAgentPerHour", label: "Codes per agent per hour", min: 1, max: 500 },
  { name: "maxResendsPerTicketPerHour", label: "Resends per ticket per hour", min: 0, max: 20 },
];

const TEXT_FIELDS: { name: keyof Settings; label: string; type: string }[] = [
  { name: "brandName", label: "Brand name", type: "text" },
  { name: "senderName", label: "Sender name", type: "text" },
  { name: "senderEmail", label: "Sender email", type: "email" },
  { name: "supportUrl", label: "Support URL", type: "url" },
];

export function SettingsForm({ settings }: { settings: Settings }) {
  const [state, action, pending] = useActionState(updateSettingsAction, null);
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-6">
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Velocity limits and lifetimes</legend>
        {NUMBER_FIELDS.map((f) => (
          <Field
            key={f.name}
            label={f.label}
            name={f.name}
            type="number"
            min={f.min}
            max={f.max}
            required
            defaultValue={String(settings[f.name])}
            errors={fieldErrors(state, f.name)}
          />
        ))}
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Email sender and branding</legend>
        {TEXT_FIELDS.map((f) => (
          <Field
            key={f.name}
            label={f.label}
            name={f.name}
            type={f.type}
            required
            defaultValue={String(settings[f.name])}
            errors={fieldErrors(state, f.name)}
          />
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          Save settings
        </Button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
