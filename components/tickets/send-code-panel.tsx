"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import { issueCodeAction, resendCodeAction } from "@/app/actions/tickets";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/**
 * Send (or resend) the code. The agent never sees it: the server derives it when the email is
 * rendered. Sending cannot be taken back, so the button asks first; "s" presses it (the button
 * declares it with `aria-keyshortcuts`, and the console's one shortcut listener presses it). A
 * rate-limited resend says when it is allowed again and stays disabled until then.
 */
export function SendCodePanel({
  ticketId,
  canSend,
  canResend,
  destinationMasked,
  resendAllowedAt,
}: {
  ticketId: string;
  canSend: boolean;
  canResend: boolean;
  /** Where the code goes (the owner of record, or an approved address), masked, as the confirmation names it. */
  destinationMasked: string | null;
  /** ISO time when the next resend is allowed ("never": switched off), or null when it is now. */
  resendAllowedAt: string | null;
}) {
  const [sendState, send, sending] = useActionState(issueCodeAction, null);
  const [resendState, resend, resending] = useActionState(resendCodeAction, null);
  const [confirming, setConfirming] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const waitUntil = resendAllowedAt && resendAllowedAt !== "never" ? new Date(resendAllowedAt).getTime() : null;
  const resendBlocked = resendAllowedAt === "never" || (waitUntil !== null && now < waitUntil);

  useEffect(() => {
    if (waitUntil === null || Date.now() >= waitUntil) return;
    const timer = setTimeout(() => setNow(Date.now()), waitUntil - Date.now() + 250);
    return () => clearTimeout(timer);
  }, [waitUntil]);

  function confirmSend() {
    const form = new FormData();
    form.set("ticketId", ticketId);
    startTransition(() => send(form));
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        {canSend ? (
          <Button onClick={() => setConfirming(true)} disabled={sending} aria-keyshortcuts="s">
            {sending ? "Sending…" : "Send code to owner"}
          </Button>
        ) : null}
        {canResend ? (
          <form action={resend}>
            <input type="hidden" name="ticketId" value={ticketId} />
            <Button type="submit" variant="secondary" disabled={resending || resendBlocked} aria-describedby={resendBlocked ? "resend-wait" : undefined}>
              {resending ? "Resending…" : "Resend same code"}
            </Button>
          </form>
        ) : null}
        {canResend && resendBlocked ? (
          <p id="resend-wait" className="text-sm text-slate-600">
            {resendAllowedAt === "never"
              ? "Resending is switched off in the settings."
              : `Resend limit reached: allowed again at ${new Date(waitUntil!).toISOString().slice(11, 16)} UTC.`}
          </p>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Send the security code?"
        description={<>The code goes to {destinationMasked ?? "the owner of record"} and cannot be called back. It unlocks the recorder for about 24 hours.</>}
        confirmLabel="Send code"
        onConfirm={confirmSend}
      />
      <div aria-live="polite" className="flex flex-col gap-2">
        <ActionMessage state={sendState} />
        <ActionMessage state={resendState} />
      </div>
    </div>
  );
}
