import Link from "next/link";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import type { RequesterTicket } from "@/lib/review/requester-history";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { formatUtc } from "@/lib/time";

/** The requester's other tickets (same contact address, any recorder), newest first. */
export function RequesterHistory({ email, data }: { email: string; data: { tickets: RequesterTicket[]; more: boolean } }) {
  if (data.tickets.length === 0) return <p className="text-sm text-slate-600">No other ticket from {email}.</p>;
  const serials = new Set(data.tickets.map((t) => t.serial).filter(Boolean));
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="text-slate-700">
        Other tickets from <span className="break-all">{email}</span>: {data.tickets.length}
        {data.more ? " (the newest shown)" : ""}, for {serials.size} {serials.size === 1 ? "recorder" : "different recorders"}.
      </p>
      <ul aria-label="Requester's other tickets" className="divide-y divide-slate-100">
        {data.tickets.map((t) => (
          <li key={t.id} className="py-1 break-words">
            <Link href={`/review/${t.id}`} className="underline">
              {ticketRef(t.number)}
            </Link>{" "}
            · {formatUtc(t.createdAt)} · <OutcomeBadge value={t.decision} /> {t.status.toLowerCase()} · {t.serial ?? "no serial"} · by {t.createdByName} ·{" "}
            {t.codesIssued === 0 ? "no code" : `${t.codesIssued} ${t.codesIssued === 1 ? "code" : "codes"} issued`}
            {t.flagged.length ? <span className="text-xs text-slate-600"> · {t.flagged.join(", ")}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
