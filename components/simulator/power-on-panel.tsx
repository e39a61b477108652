"use client";

import { useActionState, type InputHTMLAttributes } from "react";
import { powerOnAction } from "@/app/actions/simulator";
import { FieldError, fieldAria } from "@/components/ui/field";
import type { ActionState } from "@/lib/http/action-state";
import type { SimulatorDeviceOption } from "@/lib/simulator/types";
import { RecorderButton } from "./recorder-button";

function DarkField({
  label,
  name,
  errors,
  hint,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; errors?: string[]; hint?: string }) {
  const id = `power-on-${name}`;
  const aria = fieldAria(id, { hint: Boolean(hint), errors });
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm text-slate-300">
        {label}
      </label>
      <input
        id={id}
        name={name}
        {...aria.control}
        className="rounded border border-white/20 bg-black px-2 py-1.5 font-mono text-sm text-slate-100 focus-visible:outline-2 focus-visible:outline-amber-300 aria-[invalid=true]:border-red-400"
        {...input}
      />
      {hint ? (
        <p id={aria.hintId} className="text-xs text-slate-400">
          {hint}
        </p>
      ) : null}
      <FieldError id={aria.errorId} errors={errors} className="text-xs text-red-300" />
    </div>
  );
}

function FormError({ state }: { state: ActionState }) {
  return state && !state.ok ? (
    <p role="alert" className="text-sm text-red-300">
      {state.error}
    </p>
  ) : null;
}

/** Choose which recorder to play: a registered one (its owner's reserved email stays hidden) or a bench one. */
export function PowerOnPanel({ devices, defaultKeyVersion }: { devices: SimulatorDeviceOption[]; defaultKeyVersion: number }) {
  const [registered, registeredAction] = useActionState(powerOnAction, null);
  const [bench, benchAction] = useActionState(powerOnAction, null);
  const benchErrors = bench && !bench.ok ? (bench.fieldErrors ?? {}) : {};
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="registered-title" className="rounded-lg border border-white/10 bg-neutral-900 p-5">
        <h2 id="registered-title" className="text-lg font-semibold text-white">
          Registered recorder
        </h2>
        <p className="mt-1 text-sm text-slate-400">
          Plays a device from the registry. Its reserved email is its owner of record&apos;s, which you must type on the recorder, like the owner would.
        </p>
        {devices.length === 0 ? (
          <p className="mt-4 text-sm text-amber-200">No registered recorder has an owner of record yet. Use a bench recorder.</p>
        ) : (
          <form action={registeredAction} className="mt-4 flex flex-col gap-3">
            <input type="hidden" name="mode" value="registered" />
            <div className="flex flex-col gap-1">
              <label htmlFor="power-on-device" className="text-sm text-slate-300">
                Recorder
              </label>
              <select
                id="power-on-device"
                name="serial"
                required
                className="rounded border border-white/20 bg-black px-2 py-1.5 font-mono text-sm text-slate-100 focus-visible:outline-2 focus-visible:outline-amber-300"
              >
                {devices.map((device) => (
                  <option key={device.serial} value={device.serial}>
                    {device.serial} · {device.model}
                    {device.status !== "ACTIVE" ? ` (${device.status.toLowerCase()})` : ""}
                  </option>
                ))}
              </select>
            </div>
            <FormError state={registered} />
            <div>
              <RecorderButton>Power on</RecorderButton>
            </div>
          </form>
        )}
      </section>
      <section aria-labelledby="bench-title" className="rounded-lg border border-white/10 bg-neutral-900 p-5">
        <h2 id="bench-title" className="text-lg font-semibold text-white">
          Type a serial
        </h2>
        <p className="mt-1 text-sm text-slate-400">
          Type a serial. A registered one plays that device; any other is a bench recorder built from the fields below.
        </p>
        <form action={benchAction} className="mt-4 flex flex-col gap-3">
          <input type="hidden" name="mode" value="bench" />
          <DarkField label="Serial number" name="serial" required autoComplete="off" spellCheck={false} errors={benchErrors.serial} />
          <div className="grid gap-3 sm:grid-cols-2">
            <DarkField label="Model (bench only)" name="model" autoComplete="off" errors={benchErrors.model} />
            <DarkField label="MAC address (bench only)" name="mac" autoComplete="off" hint="12 hex digits" errors={benchErrors.mac} />
          </div>
          <DarkField label="Reserved email (bench only)" name="reservedEmail" type="email" autoComplete="off" errors={benchErrors.reservedEmail} />
          <div className="grid gap-3 sm:grid-cols-2">
            <DarkField label="Firmware" name="firmware" placeholder="4.1.7" autoComplete="off" errors={benchErrors.firmware} />
            <DarkField
              label="Key version (bench only)"
              name="keyVersion"
              type="number"
              min={1}
              max={255}
              placeholder={String(defaultKeyVersion)}
              errors={benchErrors.keyVersion}
            />
          </div>
          <FormError state={bench} />
          <div>
            <RecorderButton>Power on</RecorderButton>
          </div>
        </form>
      </section>
    </div>
  );
}
