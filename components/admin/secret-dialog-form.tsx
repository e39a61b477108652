"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useActionState, useState, type ReactNode } from "react";
import { ActionMessage } from "@/components/ui/action-message";
import { Button, buttonClasses } from "@/components/ui/button";
import { useStepUp } from "@/components/auth/step-up";
import type { ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** The one-time secret with a copy button; it leaves the page when the dialog closes. */
function ShowOnce({ secret, label }: { secret: string; label: string }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div className="mt-3 flex flex-col gap-2">
      <label htmlFor="show-once-secret" className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id="show-once-secret"
          readOnly
          value={secret}
          onFocus={(e) => e.currentTarget.select()}
          className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          Copy
        </Button>
      </div>
      <p className="text-xs text-slate-700" role="status">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "failed"
            ? "The browser would not copy it: select the text and copy it yourself."
            : "It is shown this once: the console keeps no copy it could show again."}
      </p>
    </div>
  );
}

/**
 * A Radix dialog holding a form whose action makes a credential (an API token, a webhook secret):
 * after success the form gives way to the secret, shown once with a copy button. Closing the
 * dialog forgets it.
 */
export function SecretDialogForm({
  trigger,
  title,
  description,
  action,
  secretLabel,
  submitLabel,
  children,
}: {
  trigger: string;
  title: string;
  description: ReactNode;
  action: Action;
  secretLabel: string;
  submitLabel: string;
  children: (state: ActionState) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  // A fresh form (and no remembered secret) each time the dialog opens.
  const [generation, setGeneration] = useState(0);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setGeneration((g) => g + 1);
      }}
    >
      <Dialog.Trigger className={buttonClasses("primary")}>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(34rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl">
          <Dialog.Title className="text-base font-semibold text-slate-900">{title}</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700">{description}</Dialog.Description>
          <DialogForm key={generation} action={action} secretLabel={secretLabel} submitLabel={submitLabel}>
            {children}
          </DialogForm>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function DialogForm({
  action,
  secretLabel,
  submitLabel,
  children,
}: {
  action: Action;
  secretLabel: string;
  submitLabel: string;
  children: (state: ActionState) => ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  // Making a credential asks for a recent second factor: the form keeps what was typed and is sent again with it.
  const stepUp = useStepUp(state, formAction);
  if (state?.ok && state.reveal?.[0]) {
    return (
      <div className="mt-4">
        <ActionMessage state={{ ok: true, message: state.message }} />
        <ShowOnce secret={state.reveal[0]} label={secretLabel} />
        <div className="mt-5 flex justify-end">
          <Dialog.Close className={buttonClasses("primary")}>Done</Dialog.Close>
        </div>
      </div>
    );
  }
  return (
    <form onSubmit={stepUp.onSubmit} className="mt-4 flex flex-col gap-4">
      {stepUp.dialog}
      {children(state)}
      <ActionMessage state={state} />
      <div className="flex justify-end gap-2">
        <Dialog.Close className={buttonClasses("secondary")}>Cancel</Dialog.Close>
        <Button type="submit" disabled={pending}>
          {pending ? "Working…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** Checkboxes whose checked values travel as one comma-separated field (the action's schema splits it). */
export function CheckboxList({
  name,
  legend,
  options,
  errors,
  defaultChecked = [],
}: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  errors?: string[];
  defaultChecked?: string[];
}) {
  const [checked, setChecked] = useState<string[]>(defaultChecked);
  const errorId = `${name}-error`;
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      <input type="hidden" name={name} value={checked.join(",")} />
      {options.map((o) => (
        <label key={o.value} className="flex items-start gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={checked.includes(o.value)}
            onChange={(e) => setChecked((now) => (e.target.checked ? [...now, o.value] : now.filter((v) => v !== o.value)))}
          />
          <span>
            <code className="text-xs">{o.value}</code> — {o.label}
          </span>
        </label>
      ))}
      {errors?.length ? (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
