"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { removePasskeyAction } from "@/app/actions/mfa";
import { ActionMessage } from "@/components/ui/action-message";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { addPasskey, passkeyProblem, proveWithPasskey, StepUpAsked } from "./passkey-client";
import { useStepUp } from "./step-up";

/** "Add a passkey": a Radix dialog asks for its name, then the browser makes it. */
export function AddPasskeyDialog() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** The step-up question, once the console asked to confirm it is you. */
  const [asked, setAsked] = useState<string | null>(null);
  const create = async (name: string, stepUpCode?: string) => {
    setPending(true);
    setError(null);
    try {
      setDone(await addPasskey(name, stepUpCode));
      setAsked(null);
      setOpen(false);
      router.refresh();
    } catch (e) {
      if (e instanceof StepUpAsked) setAsked(e.message);
      else setError(passkeyProblem(e));
    }
    setPending(false);
  };
  return (
    <div className="flex flex-col gap-2">
      {done ? <Alert tone="success">{done}</Alert> : null}
      <Dialog.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          setError(null);
        }}
      >
        <Dialog.Trigger className={buttonClasses("secondary", "self-start")}>Add a passkey</Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
          <Dialog.Content className="fixed left-1/2 top-1/3 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
            <Dialog.Title className="text-base font-semibold text-slate-900">Add a passkey</Dialog.Title>
            <Dialog.Description className="mt-2 text-sm text-slate-700">
              Name it after the device or key that keeps it, so you can tell your passkeys apart. Your browser then asks you to unlock it (fingerprint, face or
              PIN).
            </Dialog.Description>
            <form
              className="mt-4 flex flex-col gap-2"
              onSubmit={async (event) => {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                const name = String(form.get("name") ?? "").trim();
                if (!name) return setError("Name the passkey.");
                await create(name, String(form.get("stepUpCode") ?? "").trim() || undefined);
              }}
            >
              <label htmlFor="passkey-name" className="text-sm font-medium text-slate-800">
                Passkey name
              </label>
              <input
                id="passkey-name"
                name="name"
                aria-required="true"
                autoFocus
                maxLength={60}
                placeholder="Work laptop"
                className="rounded border border-slate-300 px-3 py-2 text-sm"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? "passkey-error" : undefined}
              />
              {asked ? (
                <div className="mt-2 flex flex-col gap-2 rounded border border-amber-300 bg-amber-50 p-3">
                  <p className="text-sm text-slate-800">{asked}</p>
                  <label htmlFor="passkey-step-up" className="text-sm font-medium text-slate-800">
                    Authenticator code
                  </label>
                  <input
                    id="passkey-step-up"
                    name="stepUpCode"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={64}
                    className="rounded border border-slate-300 px-3 py-2 font-mono text-sm"
                  />
                  <button
                    type="button"
                    className={buttonClasses("secondary", "self-start")}
                    onClick={async (event) => {
                      const name = String(new FormData(event.currentTarget.form ?? undefined).get("name") ?? "").trim();
                      setError(null);
                      try {
                        await proveWithPasskey("step_up");
                      } catch (e) {
                        return setError(passkeyProblem(e));
                      }
                      if (name) await create(name);
                    }}
                  >
                    Confirm with an existing passkey
                  </button>
                </div>
              ) : null}
              {error ? (
                <p id="passkey-error" role="alert" className="text-sm text-red-700">
                  {error}
                </p>
              ) : null}
              <div className="mt-3 flex justify-end gap-2">
                <Dialog.Close className={buttonClasses("secondary")}>Cancel</Dialog.Close>
                <Button type="submit" disabled={pending}>
                  {pending ? "Waiting for your device…" : "Create passkey"}
                </Button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}

/** Removes one passkey; the action may ask to confirm it is you first (step-up dialog). */
export function RemovePasskeyButton({ passkeyId, name }: { passkeyId: string; name: string }) {
  const [state, action, pending] = useActionState(removePasskeyAction, null);
  const stepUp = useStepUp(state, action);
  return (
    <form action={action} onSubmit={stepUp.onSubmit} className="flex items-center gap-2">
      <input type="hidden" name="passkeyId" value={passkeyId} />
      <button type="submit" disabled={pending} className={buttonClasses("secondary")} aria-label={`Remove passkey ${name}`}>
        Remove
      </button>
      <ActionMessage state={state} />
      {stepUp.dialog}
    </form>
  );
}
