"use client";

import type { ButtonHTMLAttributes } from "react";
import { useFormStatus } from "react-dom";

type Look = "primary" | "plain" | "link" | "service";

const LOOKS: Record<Look, string> = {
  primary:
    "min-w-24 rounded-sm border border-sky-400/70 bg-gradient-to-b from-sky-600 to-sky-800 px-4 py-1.5 text-sm text-white shadow hover:from-sky-500 hover:to-sky-700",
  plain:
    "min-w-24 rounded-sm border border-slate-500 bg-gradient-to-b from-slate-600 to-slate-700 px-4 py-1.5 text-sm text-slate-100 shadow hover:from-slate-500 hover:to-slate-600",
  link: "text-sm text-sky-300 underline underline-offset-2 hover:text-sky-200",
  service: "rounded border border-white/15 bg-white/5 px-3 py-1.5 text-sm text-slate-100 hover:bg-white/10",
};

/** A recorder-style button that is inert while its form is being answered. */
export function RecorderButton({ look = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { look?: Look }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      {...props}
      disabled={props.disabled || pending}
      className={`focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-300 disabled:cursor-not-allowed disabled:opacity-50 ${LOOKS[look]} ${className}`}
    />
  );
}
