import type { InputHTMLAttributes } from "react";
import { fieldAria } from "@/components/ui/field";

/** A labelled recorder text box (label beside the box, like an NVR dialog). */
export function RecorderInput({ label, name, id, hint, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; hint?: string }) {
  const inputId = id ?? `recorder-${name}`;
  const aria = fieldAria(inputId, { hint: Boolean(hint) });
  return (
    <div className="grid grid-cols-[10rem_1fr] items-center gap-x-3 gap-y-1">
      <label htmlFor={inputId} className="text-right text-sm text-slate-300">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        {...aria.control}
        className="w-full rounded-sm border border-slate-500 bg-slate-950 px-2 py-1.5 font-mono text-sm text-slate-100 focus:border-sky-400 focus-visible:outline-2 focus-visible:outline-amber-300 disabled:opacity-50"
        {...input}
      />
      {hint ? (
        <p id={aria.hintId} className="col-start-2 text-xs text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
