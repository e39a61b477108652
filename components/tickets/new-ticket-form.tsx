"use client";

import { useActionState } from "react";
import { createTicketAction } from "@/app/actions/tickets";
import { QrIntake } from "@/components/intake/qr-intake";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";
import { Channel } from "@/lib/generated/prisma/enums";

const CHANNEL_LABELS: Record<Channel, string> = { EMAIL: "Email", PHONE: "Phone", CHAT: "Chat", WEB_FORM: "Web form" };
const CHANNELS = Object.values(Channel).map((value) => ({ value, label: CHANNEL_LABELS[value] }));

/** A follow-up's customer details, taken from an earlier ticket (?from=<ticketId>). */
export type NewTicketDefaults = { customerName: string; customerEmail: string; customerPhone: string | null; channel: string; followUpOf: string };

export function NewTicketForm({ defaults }: { defaults?: NewTicketDefaults | null }) {
  const [state, action, pending] = useActionState(createTicketAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  // Ctrl/⌘+Enter submits: the button declares it (aria-keyshortcuts), components/shell handles it.
  return (
    <form
      action={action}
      // A refusal must not wipe what the agent typed while the customer waits on the phone.
      onSubmit={submitKeepingValues(action)}
      className="grid gap-6 lg:grid-cols-2"
      noValidate
    >
      <div className="flex flex-col gap-4">
        {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
        <Field
          label="Customer name"
          name="customerName"
          required
          autoComplete="off"
          errors={errors.customerName}
          autoFocus
          defaultValue={defaults?.customerName}
        />
        <Field
          label="Contact email"
          name="customerEmail"
          type="email"
          required
          autoComplete="off"
          errors={errors.customerEmail}
          defaultValue={defaults?.customerEmail}
          hint="Where the customer wrote from. The code still goes only to the owner of record."
        />
        <Field
          label="Phone"
          name="customerPhone"
          type="tel"
          autoComplete="off"
          errors={errors.customerPhone}
          defaultValue={defaults?.customerPhone ?? undefined}
        />
        <fieldset className="flex flex-col gap-1">
          <legend className="text-sm font-medium">Channel</legend>
          <div className="flex flex-wrap gap-3">
            {CHANNELS.map((c, i) => (
              <label key={c.value} className="flex items-center gap-1.5 text-sm">
                <input type="radio" name="channel" value={c.value} defaultChecked={defaults ? defaults.channel === c.value : i === 0} /> {c.label}
              </label>
            ))}
          </div>
          {errors.channel ? <p className="text-xs text-red-700">{errors.channel.join(" ")}</p> : null}
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor="notes" className="text-sm font-medium">
            Notes
          </label>
          <textarea
            id="notes"
            name="notes"
            rows={3}
            maxLength={4000}
            defaultValue={defaults ? `Follow-up to ${defaults.followUpOf}.` : undefined}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
      </div>
      <div className="flex flex-col gap-4">
        <QrIntake name="challengeText" errors={errors.challengeText} />
        <div>
          <Button type="submit" disabled={pending} aria-keyshortcuts="Control+Enter">
            {pending ? "Checking…" : "Run checks and open ticket"}
          </Button>
        </div>
      </div>
    </form>
  );
}
