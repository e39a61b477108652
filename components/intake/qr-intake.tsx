"use client";

import { useMemo, useState } from "react";
import { describeChallenge, parseChallenge, ChallengeParseError } from "@/lib/reset-protocol/client";

/**
 * The customer's QR as text: the link their phone showed, pasted from their email. Mail clients
 * break long links over lines; the parser ignores the white space. (The photo intake builds on
 * this: a decoded image fills the same field.)
 */
export function QrIntake({ name, errors }: { name: string; errors?: string[] }) {
  const [text, setText] = useState("");
  const preview = useMemo(() => {
    if (!text.trim()) return null;
    try {
      return { ok: true as const, fields: describeChallenge(parseChallenge(text)) };
    } catch (e) {
      return { ok: false as const, message: e instanceof ChallengeParseError ? e.message : "Not a reset QR code." };
    }
  }, [text]);
  const errorId = `${name}-error`;
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={name} className="text-sm font-medium">Reset link from the customer</label>
      <textarea
        id={name}
        name={name}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="https://reset.example.com/rp1?s=…"
        aria-describedby={errors?.length ? errorId : undefined}
        aria-invalid={errors?.length ? true : undefined}
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs aria-[invalid=true]:border-red-600"
      />
      {errors?.length ? <p id={errorId} className="text-xs font-medium text-red-700">{errors.join(" ")}</p> : null}
      {preview?.ok ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md bg-slate-50 p-3 text-sm" aria-label="Challenge fields">
          {preview.fields.map((f) => (
            <div key={f.field} className="contents">
              <dt className="text-slate-500">{f.label}</dt>
              <dd className="font-mono text-[13px]">{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : preview ? (
        <p className="text-xs text-amber-900">{preview.message}</p>
      ) : null}
    </div>
  );
}
