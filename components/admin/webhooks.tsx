"use client";

import { useActionState } from "react";
import { createWebhookAction, removeWebhookAction, setWebhookAllowlistAction } from "@/app/actions/api";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useStepUp } from "@/components/auth/step-up";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/webhooks/events";
import { fieldErrors } from "./field-errors";
import { ConfirmedRowAction } from "./confirmed-row-action";
import { CheckboxList, SecretDialogForm } from "./secret-dialog-form";

export function CreateWebhookDialog() {
  return (
    <SecretDialogForm
      trigger="Register webhook"
      title="Register a webhook"
      description="The console POSTs each chosen ticket event to this URL, signed per Standard Webhooks with a secret shown once. Private, loopback and link-local addresses are refused unless allowed below."
      action={createWebhookAction}
      secretLabel="Signing secret (whsec_…)"
      submitLabel="Register"
    >
      {(state) => (
        <>
          <Field
            label="URL"
            name="url"
            type="url"
            required
            maxLength={2000}
            placeholder="https://helpdesk.example/hooks/reset-console"
            errors={fieldErrors(state, "url")}
            id="webhook-url"
          />
          <CheckboxList
            name="events"
            legend="Events"
            options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: WEBHOOK_EVENT_LABELS[e] }))}
            defaultChecked={[...WEBHOOK_EVENTS]}
            errors={fieldErrors(state, "events")}
          />
        </>
      )}
    </SecretDialogForm>
  );
}

export function RemoveWebhookButton({ webhookId, url }: { webhookId: string; url: string }) {
  return (
    <ConfirmedRowAction
      action={removeWebhookAction}
      fields={{ webhookId }}
      label="Remove"
      ariaLabel={`Remove the webhook to ${url}`}
      title="Remove this webhook?"
      description={`Nothing more is sent to ${url}; deliveries still waiting are dropped. Register it again to get a new secret.`}
      confirmLabel="Remove webhook"
    />
  );
}

export function WebhookAllowlistForm({ entries }: { entries: string[] }) {
  const [state, action, pending] = useActionState(setWebhookAllowlistAction, null);
  const stepUp = useStepUp(state, action);
  return (
    <form onSubmit={stepUp.onSubmit} className="flex flex-col gap-2">
      {stepUp.dialog}
      <label htmlFor="webhook-allowlist" className="text-sm font-medium text-slate-800">
        Allowed private destinations
      </label>
      <textarea
        id="webhook-allowlist"
        name="allowlist"
        defaultValue={entries.join("\n")}
        rows={3}
        aria-describedby="webhook-allowlist-hint"
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
      />
      <p id="webhook-allowlist-hint" className="text-xs text-slate-600">
        Addresses or CIDR ranges, one per line (e.g. <code>10.20.0.0/16</code>, <code>fd00::/8</code>). A webhook whose host resolves to a private, loopback or
        link-local address is refused unless that address is here. Checked on the resolved address at every send.
      </p>
      {fieldErrors(state, "allowlist") ? <p className="text-xs font-medium text-red-700">{fieldErrors(state, "allowlist")!.join(" ")}</p> : null}
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : "Save allowlist"}
        </Button>
      </div>
      <ActionMessage state={state} />
    </form>
  );
}
