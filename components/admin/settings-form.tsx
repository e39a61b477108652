"use client";

import { useActionState } from "react";
import { updateSettingsAction } from "@/app/actions/settings";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Settings } from "@/lib/settings/defaults";
import { settingsSchema } from "@/lib/validation/settings";
import { fieldErrors } from "./field-errors";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

/** The settings that are numbers (velocity limits, lifetimes, tolerances). */
type NumberSetting = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

const NUMBER_FIELDS: { name: NumberSetting; label: string }[] = [
  { name: "challengeLifetimeHours", label: "Challenge lifetime (hours)" },
  { name: "clockAheadToleranceMinutes", label: "Recorder clock ahead tolerance (minutes)" },
  { name: "clockBehindToleranceHours", label: "Recorder clock behind tolerance (hours)" },
  { name: "maxIssuesPerDevice30d", label: "Codes per device per 30 days" },
  { name: "maxIssuesPerRequesterPerDay", label: "Codes per requester per day" },
  { name: "maxIssuesPerAgentPerHour", label: "Codes per agent per hour" },
  { name: "maxResendsPerTicketPerHour", label: "Resends per ticket per hour" },
  { name: "evidenceRetentionDays", label: "Keep customer photos (days)" },
];

/** The browser's min/max for a setting: the bounds the server's schema enforces, read from it, not copied. */
function bounds(name: NumberSetting): { min?: number; max?: number } {
  const field = settingsSchema.shape[name];
  return { min: field.minValue ?? undefined, max: field.maxValue ?? undefined };
}

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
            {...bounds(f.name)}
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
