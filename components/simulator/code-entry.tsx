"use client";

import { formatMinutesSeconds } from "@/lib/time";
import { RecorderButton } from "./recorder-button";
import { RecorderForm } from "./recorder-form";
import { RecorderInput } from "./recorder-input";
import { useLockRemaining } from "./use-lock-remaining";

/** The Security Code box; locked (with a visible countdown) after five wrong codes. */
export function CodeEntry({ lockedUntilMs, renderedAtMs }: { lockedUntilMs: number | null; renderedAtMs: number }) {
  const remainingMs = useLockRemaining(lockedUntilMs, renderedAtMs);
  const locked = remainingMs > 0;
  return (
    <RecorderForm op="enter-code" className="flex flex-col gap-3">
      <RecorderInput
        label="Security Code"
        name="code"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        maxLength={20}
        hint="8 characters from the support email. Upper and lower case matter."
        disabled={locked}
        autoFocus
        required
      />
      {locked ? (
        <p className="text-sm text-amber-200" data-testid="lockout-countdown">
          Code entry locked. Try again in{" "}
          <span role="timer" className="font-mono tabular-nums">
            {formatMinutesSeconds(remainingMs)}
          </span>
          .
        </p>
      ) : null}
      <div className="flex justify-end">
        <RecorderButton disabled={locked}>OK</RecorderButton>
      </div>
    </RecorderForm>
  );
}
