import type { CheckOutcome, CheckResult } from "@/lib/tickets/checks/types";

const ICON = { pass: "✓", review: "!", refuse: "✕" } as const;
const TONE = {
  pass: "bg-emerald-100 text-emerald-800",
  review: "bg-amber-100 text-amber-900",
  refuse: "bg-red-100 text-red-800",
} as const;
const WORD = { pass: "Pass", review: "Needs review", refuse: "Fail" } as const;
const FLAGGED_FIRST: Record<CheckOutcome, number> = { refuse: 0, review: 1, pass: 2 };

/**
 * Each check with its outcome and a plain-language reason; the reason code is kept for audits.
 * The ticket page lists them in the order they ran; the review page puts the flagged ones first,
 * since those are what a supervisor is asked to weigh.
 */
export function CheckList({ checks, order = "as-run" }: { checks: CheckResult[]; order?: "as-run" | "flagged-first" }) {
  if (checks.length === 0) return <p className="text-sm text-slate-600">No checks were recorded.</p>;
  const shown = order === "flagged-first" ? [...checks].sort((a, b) => FLAGGED_FIRST[a.outcome] - FLAGGED_FIRST[b.outcome]) : checks;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Checks">
      {shown.map((c) => (
        <li key={c.check} className="flex gap-3 py-2.5">
          <span aria-hidden className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-sm font-bold ${TONE[c.outcome]}`}>
            {ICON[c.outcome]}
          </span>
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-900">
              {c.label} <span className="sr-only">: {WORD[c.outcome]}</span>
              <code className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-normal text-slate-600">{c.id}</code>
            </p>
            <p className="text-sm text-slate-600">{c.reason}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
