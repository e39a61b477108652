const TONES: Record<string, string> = {
  pass: "bg-emerald-100 text-emerald-900",
  review: "bg-amber-100 text-amber-950",
  refuse: "bg-red-100 text-red-900",
  ISSUE: "bg-emerald-100 text-emerald-900",
  REVIEW: "bg-amber-100 text-amber-950",
  REFUSE: "bg-red-100 text-red-900",
  APPROVE: "bg-emerald-100 text-emerald-900",
};

export function OutcomeBadge({ value }: { value: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${TONES[value] ?? "bg-slate-100 text-slate-800"}`}>{value.toLowerCase()}</span>;
}
