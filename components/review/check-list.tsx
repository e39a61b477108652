import { OutcomeBadge } from "@/components/audit/outcome-badge";

export type CheckItem = { id: string; outcome: "pass" | "review" | "refuse"; label: string; reason: string };

/** Every check the ticket ran, flagged ones first: what the supervisor is asked to weigh. */
export function CheckList({ checks }: { checks: CheckItem[] }) {
  if (checks.length === 0) return <p className="text-sm text-slate-600">No checks were recorded.</p>;
  const rank = { refuse: 0, review: 1, pass: 2 } as const;
  const sorted = [...checks].sort((a, b) => rank[a.outcome] - rank[b.outcome]);
  return (
    <ul className="divide-y divide-slate-100" aria-label="Checks">
      {sorted.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline gap-2 py-2 text-sm">
          <OutcomeBadge value={c.outcome} />
          <span className="font-medium">{c.label}</span>
          <code className="text-xs text-slate-500">{c.id}</code>
          <span className="basis-full text-slate-700">{c.reason}</span>
        </li>
      ))}
    </ul>
  );
}
