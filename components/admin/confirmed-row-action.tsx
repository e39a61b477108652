"use client";

import { startTransition, useActionState, useState } from "react";
import { toast } from "sonner";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ActionState } from "@/lib/http/action-state";

/**
 * A row's destructive button (revoke a token, remove a webhook): it asks in a Radix confirm
 * dialog, then calls the server action with `fields`. The row loses this button on the same
 * render that answers, so success is said in a toast, which outlives it; a refusal stays beside it.
 */
export function ConfirmedRowAction(props: {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  ariaLabel: string;
  title: string;
  description: string;
  confirmLabel: string;
}) {
  const { action: serverAction, fields } = props;
  const [state, action, pending] = useActionState(async (previous: ActionState, form: FormData) => {
    const result = await serverAction(previous, form);
    if (result?.ok) toast.success(result.message);
    return result;
  }, null);
  const [open, setOpen] = useState(false);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button type="button" variant="danger" disabled={pending} onClick={() => setOpen(true)} aria-label={props.ariaLabel}>
        {props.label}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={props.title}
        description={props.description}
        confirmLabel={props.confirmLabel}
        onConfirm={() => {
          const form = new FormData();
          for (const [name, value] of Object.entries(fields)) form.set(name, value);
          startTransition(() => action(form));
        }}
      />
      <ActionMessage state={state} />
    </div>
  );
}
