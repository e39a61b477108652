"use client";

import { useActionState } from "react";
import { updateSettingsAction } from "@/app/actions/settings";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { Settings } from "@/lib/settings/defaults";
import { describeRange, SETTING_FIELDS, settingRange, type NumberSetting } from "@/lib/settings/setting-fields";
import { fieldErrors } from "./field-errors";
import { useStepUp } from "@/components/auth/step-up";

const NUMBER_FIELDS: NumberSetting[] = [
  "challengeLifetimeHours",
  "clockAheadToleranceMinutes",
  "clockBehindToleranceHours",
  "maxIssuesPerDevice30d",
  "maxIssuesPerRequesterPerDay",
  "maxIssuesPerAgentPerHour",
  "maxResendsPerTicketPerHour",
  "evidenceRetentionDays",
];

const TEXT_FIELDS: { name: keyof Settings; type: string }[] = [
  { name: "brandName", type: "text" },
  { name: "senderName", type: "text" },
  { name: "senderEmail", type: "email" },
  { name: "supportUrl", type: "url" },
];

export function SettingsForm({ settings }: { settings: Settings }) {
  const [state, action, pending] = useActionState(updateSettingsAction, null);
  const stepUp = useStepUp(state, action);
  return (
    <form action={action} onSubmit={stepUp.onSubmit} className="flex flex-col gap-6">
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Velocity limits and lifetimes</legend>
        {NUMBER_FIELDS.map((name) => (
          <Field
            key={name}
            label={`${SETTING_FIELDS[name].label} (${SETTING_FIELDS[name].unit!.many})`}
            name={name}
            type="number"
            inputMode="numeric"
            {...settingRange(name)}
            required
            defaultValue={String(settings[name])}
            errors={fieldErrors(state, name)}
            hint={`${SETTING_FIELDS[name].help} ${describeRange(name)}`}
          />
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-2 text-sm font-semibold">Sign-in</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="mfaRequiredForAgents" defaultChecked={settings.mfaRequiredForAgents} className="size-4" />
          {SETTING_FIELDS.mfaRequiredForAgents.label}
        </label>
        <p className="text-xs text-slate-600">{SETTING_FIELDS.mfaRequiredForAgents.help}</p>
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Email sender and branding</legend>
        {TEXT_FIELDS.map((f) => (
          <Field
            key={f.name}
            label={SETTING_FIELDS[f.name].label}
            hint={SETTING_FIELDS[f.name].help}
            name={f.name}
            type={f.type}
            required
            defaultValue={String(settings[f.name])}
            errors={fieldErrors(state, f.name)}
          />
        ))}
      </fieldset>
      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm font-semibold">Single sign-on</legend>
        <Field
          label={SETTING_FIELDS.ssoAllowedDomains.label}
          hint={SETTING_FIELDS.ssoAllowedDomains.help}
          name="ssoAllowedDomains"
          type="text"
          placeholder="example.com, example.org"
          defaultValue={settings.ssoAllowedDomains}
          errors={fieldErrors(state, "ssoAllowedDomains")}
        />
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          Save settings
        </Button>
        <ActionMessage state={state} />
      </div>
      {stepUp.dialog}
    </form>
  );
}
