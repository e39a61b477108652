import type { Decision, TicketStatus } from "@/lib/generated/prisma/enums";

const STATUS: Record<TicketStatus, { label: string; className: string }> = {
  READY: { label: "Ready to send", className: "bg-emerald-100 text-emerald-900 ring-emerald-300" },
  REVIEW: { label: "Needs supervisor", className: "bg-amber-100 text-amber-950 ring-amber-300" },
  APPROVED: { label: "Approved", className: "bg-sky-100 text-sky-950 ring-sky-300" },
  SENT: { label: "Code sent", className: "bg-slate-200 text-slate-900 ring-slate-300" },
  REFUSED: { label: "Refused", className: "bg-red-100 text-red-900 ring-red-300" },
  RESOLVED: { label: "Resolved", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  EXPIRED: { label: "Expired", className: "bg-orange-100 text-orange-950 ring-orange-300" },
  NEEDS_PHOTO: { label: "Needs a photo", className: "bg-violet-100 text-violet-950 ring-violet-300" },
};

const DECISION: Record<Decision, string> = { ISSUE: "issue the code", REVIEW: "a supervisor must review", REFUSE: "refused" };

export function StatusBadge({ status }: { status: TicketStatus }) {
  const s = STATUS[status];
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.className}`}>{s.label}</span>;
}

/** The checks' decision in words, as a heading reads it ("Decision: issue the code"). */
export function decisionText(decision: Decision): string {
  return DECISION[decision];
}
