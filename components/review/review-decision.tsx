import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { formatUtc } from "@/lib/time";

export type ReviewDecisionItem = {
  id: string;
  decision: "APPROVE" | "REFUSE";
  reason: string;
  destination: string | null;
  supervisorName: string;
  createdAt: Date;
};

/** A ticket's four-eyes decisions, for the agent's ticket page and the review page. */
export function ReviewDecisionList({ approvals }: { approvals: ReviewDecisionItem[] }) {
  if (approvals.length === 0) return <p className="text-sm text-slate-600">No supervisor decision yet.</p>;
  return (
    <ul className="flex flex-col gap-3" aria-label="Supervisor decisions">
      {approvals.map((a) => (
        <li key={a.id} className="rounded-md border border-slate-200 p-3 text-sm">
          <p>
            <OutcomeBadge value={a.decision} /> <span className="font-medium">{a.decision === "APPROVE" ? "Approved" : "Refused"}</span> by {a.supervisorName}
            <span className="text-slate-500"> · {formatUtc(a.createdAt, { seconds: true })}</span>
          </p>
          {a.destination ? (
            <p className="mt-1">
              Code to go to <strong>{a.destination}</strong> instead of the owner of record.
            </p>
          ) : null}
          {a.reason ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{a.reason}</p> : null}
        </li>
      ))}
    </ul>
  );
}
