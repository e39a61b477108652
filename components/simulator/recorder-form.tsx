"use client";

import { useActionState, type ReactNode } from "react";
import { recorderStepAction } from "@/app/actions/simulator";
import type { SimulatorStep } from "@/lib/simulator/types";

/**
 * One recorder button press. The recorder's answer comes back in the re-rendered page (it lives in
 * the sealed state); this only shows what went wrong on the way (validation, session).
 */
export function RecorderForm({ op, children, className = "" }: { op: SimulatorStep["op"]; children: ReactNode; className?: string }) {
  const [state, action] = useActionState(recorderStepAction, null);
  const fieldErrors = state && !state.ok ? Object.values(state.fieldErrors ?? {}).flat() : [];
  return (
    <form action={action} className={className}>
      <input type="hidden" name="op" value={op} />
      {children}
      {state && !state.ok ? (
        <p role="alert" className="mt-2 w-full text-sm text-red-300">
          {[state.error, ...fieldErrors].join(" ")}
        </p>
      ) : null}
    </form>
  );
}
