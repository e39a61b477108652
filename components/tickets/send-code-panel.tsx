"use client";

import { useActionState } from "react";
import { issueCodeAction, resendCodeAction } from "@/app/(console)/tickets/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";

/**
 * Send (or resend) the code. The agent never sees it: the server derives it when the email
 * is rendered. "s" sends, like the help overlay says: the button declares it with
 * `aria-keyshortcuts` and the console's one shortcut listener presses it (components/shell).
 */
export function SendCodePanel({ ticketId, canSend, canResend }: { ticketId: string; canSend: boolean; canResend: boolean }) {
  const [sendState, send, sending] = useActionState(issueCodeAction, null);
  const [resendState, resend, resending] = useActionState(resendCodeAction, null);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        {canSend ? (
          <form action={send}>
            <input type="hidden" name="ticketId" value={ticketId} />
            <Button type="submit" disabled={sending} aria-keyshortcuts="s">
              {sending ? "Sending…" : "Send code to owner"}
            </Button>
          </form>
        ) : null}
        {canResend ? (
          <form action={resend}>
            <input type="hidden" name="ticketId" value={ticketId} />
            <Button type="submit" variant="secondary" disabled={resending}>
              {resending ? "Resending…" : "Resend same code"}
            </Button>
          </form>
        ) : null}
      </div>
      <div aria-live="polite" className="flex flex-col gap-2">
        <ActionMessage state={sendState} />
        <ActionMessage state={resendState} />
      </div>
    </div>
  );
}
