import type { CheckOutcome, CheckResult } from "@/lib/tickets/checks/types";

const ICON = { pass: "✓", review: "!", refuse: "✕" } as const;
const TONE = {
  pass: "bg-emerald-100 text-emerald-800",
  review: "bg-amber-100 text-amber-900",
  refuse: "bg-red-100 text-red-800",
} as const;
const WORD = { pass: "Pass", review: "Needs review", refuse: "Fail" } as const;
const FLAGGED_FIRST: Record<CheckOutcome, number> = { refuse: 0, review: 1, pass: 2 };

function CheckItem({ check: c }: { check: CheckResult }) {
  return (
    <li className="flex gap-3 py-2.5">
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
  );
}

/**
 * Each check with its outcome and a plain-language reason; the reason code is kept for audits.
 * What needs attention comes first (failures, then checks a supervisor must weigh); the checks
 * that passed are folded away under one line, since on a clean ticket they are all there is.
 */
export function CheckList({ checks }: { checks: CheckResult[] }) {
  if (checks.length === 0) return <p className="text-sm text-slate-600">No checks were recorded.</p>;
  const flagged = checks.filter((c) => c.outcome !== "pass").sort((a, b) => FLAGGED_FIRST[a.outcome] - FLAGGED_FIRST[b.outcome]);
  const passed = checks.filter((c) => c.outcome === "pass");
  return (
    <div className="flex flex-col gap-2">
      {flagged.length ? (
        <ul className="divide-y divide-slate-100" aria-label="Checks">
          {flagged.map((c) => (
            <CheckItem key={c.check} check={c} />
          ))}
        </ul>
      ) : null}
      {passed.length ? (
        <details className="group text-sm">
          <summary className="cursor-pointer py-1 text-slate-700">
            {passed.length === checks.length ? `All ${passed.length} checks passed` : `${passed.length} more checks passed`}
          </summary>
          <ul className="divide-y divide-slate-100" aria-label="Passed checks">
            {passed.map((c) => (
              <CheckItem key={c.check} check={c} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
