"use client";

import { useActionState } from "react";
import { decideZeroTouchAction, requestZeroTouchAction } from "@/app/actions/settings";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { useStepUp } from "@/components/auth/step-up";

/**
 * Zero-touch on the settings page: what it does, its state, and only the buttons the server
 * allows this admin (the one who asked never sees Approve: canApproveZeroTouch).
 */
export function ZeroTouchCard({ enabled, pendingByMe, pendingByOther }: { enabled: boolean; pendingByMe: boolean; pendingByOther: boolean }) {
  const [requestState, request, requesting] = useActionState(requestZeroTouchAction, null);
  const [decideState, decide, deciding] = useActionState(decideZeroTouchAction, null);
  // Approving asks for a recent second factor (the server says when); refusing does not.
  const stepUp = useStepUp(decideState, decide);
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>
        When on, an email from the owner of record&apos;s own address with a genuine, fresh QR code and every check passed gets its code with no agent, within
        seconds. Velocity limits, blocked and stolen recorders and the four-eyes rules apply unchanged; the system is the audited actor.
      </p>
      <p className="font-medium" data-testid="zero-touch-state">
        Zero-touch is {enabled ? "on" : "off"}
        {pendingByMe ? " · waiting for a second admin to approve your request" : pendingByOther ? " · another admin asks to turn it on" : ""}.
      </p>
      <div className="flex flex-wrap gap-2">
        {enabled ? (
          <form action={request}>
            <input type="hidden" name="enable" value="off" />
            <Button type="submit" variant="secondary" disabled={requesting}>
              Turn zero-touch off
            </Button>
          </form>
        ) : !pendingByMe && !pendingByOther ? (
          <form action={request}>
            <input type="hidden" name="enable" value="on" />
            <Button type="submit" variant="secondary" disabled={requesting}>
              Ask to turn zero-touch on
            </Button>
          </form>
        ) : null}
        {pendingByOther ? (
          <>
            <form onSubmit={stepUp.onSubmit}>
              {stepUp.dialog}
              <input type="hidden" name="decision" value="approve" />
              <Button type="submit" disabled={deciding}>
                Approve: turn zero-touch on
              </Button>
            </form>
            <form action={decide}>
              <input type="hidden" name="decision" value="refuse" />
              <Button type="submit" variant="secondary" disabled={deciding}>
                Refuse
              </Button>
            </form>
          </>
        ) : null}
      </div>
      <ActionMessage state={requestState} />
      <ActionMessage state={decideState} />
    </div>
  );
}
