"use client";

import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { startTransition, useRef, useState, type FormEvent, type ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import type { ActionState } from "@/lib/http/action-state";
import { passkeyProblem, proveWithPasskey } from "./passkey-client";

/** The field a step-up refusal names (lib/auth/step-up.ts STEP_UP_FIELD; that module is server-only). */
const STEP_UP_FIELD = "stepUpCode";

/** The step-up question in a refusal, if the server asked for the second factor again. */
export function stepUpAsked(state: ActionState): string | undefined {
  return state && !state.ok ? state.fieldErrors?.[STEP_UP_FIELD]?.[0] : undefined;
}

/**
 * A form whose action may answer "confirm it is you" (a risky change, the second factor older
 * than 5 minutes): submits keeping the typed values, and when the server asks, opens a Radix
 * dialog for the authenticator code and sends the same form again with it.
 */
export function useStepUp(state: ActionState, action: (form: FormData) => void): { onSubmit: (event: FormEvent<HTMLFormElement>) => void; dialog: ReactNode } {
  const last = useRef<FormData | null>(null);
  const [answered, setAnswered] = useState<ActionState>(null);
  const asked = stepUpAsked(state);
  // Open for each new answer that asks; closing (or retrying) marks that answer as handled.
  const open = !!asked && answered !== state;

  const send = (form: FormData) => {
    last.current = form;
    startTransition(() => action(form));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    form.delete(STEP_UP_FIELD);
    send(form);
  };
  const retry = (code: string) => {
    setAnswered(state);
    const form = new FormData();
    for (const [key, value] of last.current?.entries() ?? []) form.append(key, value);
    form.set(STEP_UP_FIELD, code);
    send(form);
  };
  const dialog = <StepUpDialog open={open} message={asked ?? ""} onCancel={() => setAnswered(state)} onCode={retry} />;
  return { onSubmit, dialog };
}

function StepUpDialog({ open, message, onCancel, onCode }: { open: boolean; message: string; onCancel: () => void; onCode: (code: string) => void }) {
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  // A passkey proves the factor on its own route; the change is then sent again without a code (the factor is recent now).
  const confirmWithPasskey = async () => {
    setPasskeyError(null);
    try {
      await proveWithPasskey("step_up");
      onCode("");
    } catch (e) {
      setPasskeyError(passkeyProblem(e));
    }
  };
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => (next ? undefined : onCancel())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/3 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-5 shadow-xl">
          <AlertDialog.Title className="text-base font-semibold text-slate-900">Confirm it is you</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-700">{message}</AlertDialog.Description>
          <form
            className="mt-4 flex flex-col gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              const code = String(new FormData(event.currentTarget).get("code") ?? "");
              onCode(code);
            }}
          >
            <label htmlFor="step-up-code" className="text-sm font-medium text-slate-800">
              Authenticator code
            </label>
            <input
              id="step-up-code"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              autoFocus
              maxLength={64}
              className="rounded border border-slate-300 px-3 py-2 font-mono text-sm"
            />
            <p className="text-xs text-slate-600">The 6 digits your authenticator app shows now, or one of your recovery codes.</p>
            {passkeyError ? (
              <p role="alert" className="text-sm text-red-700">
                {passkeyError}
              </p>
            ) : null}
            <div className="mt-3 flex justify-end gap-2">
              <AlertDialog.Cancel className={buttonClasses("secondary")}>Cancel</AlertDialog.Cancel>
              <button type="button" className={buttonClasses("secondary")} onClick={() => void confirmWithPasskey()}>
                Use a passkey
              </button>
              <button type="submit" className={buttonClasses("primary")}>
                Confirm
              </button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
