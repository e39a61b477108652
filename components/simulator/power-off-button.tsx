"use client";

import { useActionState } from "react";
import { powerOffAction } from "@/app/actions/simulator";
import { RecorderButton } from "./recorder-button";

/** Switches the virtual recorder off, back to the recorder picker. */
export function PowerOffButton() {
  const [state, action] = useActionState(powerOffAction, null);
  return (
    <form action={action}>
      <RecorderButton look="service">Power off (choose another recorder)</RecorderButton>
      {state && !state.ok ? (
        <p role="alert" className="mt-1 text-xs text-red-300">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
