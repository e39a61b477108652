import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { RelatedTicket, TicketHistory } from "@/lib/tickets/ticket-history";
import { StatusBadge } from "./status-badge";

const day = (d: Date) => d.toISOString().slice(0, 10);

function relations(t: RelatedTicket): string {
  return [t.sameRecorder ? "same recorder" : null, t.sameChallenge ? "same QR code" : null, t.sameRequester ? "same requester" : null]
    .filter(Boolean)
    .join(" · ");
}

function codes(t: RelatedTicket): string | null {
  if (!t.codes.length) return null;
  const list = t.codes.map((c) => `${c.kind === "FIRST" ? "code" : "resent"} ${day(c.issuedAt)}`).join(", ");
  return `${t.codes.length === 1 ? "1 code issued" : `${t.codes.length} codes issued`}: ${list}`;
}

/**
 * The ticket page's history: the other tickets for this recorder, this QR code and this
 * requester, each once, as a link to it, with the codes issued on it. Fed by `ticketHistory`.
 */
export function HistoryCard({ history }: { history: TicketHistory }) {
  const { tickets } = history;
  return (
    <div role="region" aria-label="History">
      <Card title="History">
        {tickets.length === 0 ? (
          <p className="text-sm text-slate-600">No other tickets for this recorder or this requester.</p>
        ) : (
          <ul className="flex flex-col gap-2 text-sm">
            {tickets.map((t) => (
              <li key={t.id} className="flex flex-col gap-0.5">
                <span className="flex flex-wrap items-center gap-2">
                  <Link href={`/tickets/${t.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {t.ref}
                  </Link>
                  <span className="text-slate-600">{day(t.createdAt)}</span>
                  <StatusBadge status={t.status} />
                </span>
                <span className="text-xs text-slate-500">{relations(t)}</span>
                {codes(t) ? <span className="text-xs text-slate-700">{codes(t)}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {history.more ? (
          <p className="mt-3 flex flex-wrap gap-3 text-xs">
            {history.serial ? (
              <Link href={`/tickets/search?q=${encodeURIComponent(history.serial)}`} className="text-brand-700 underline">
                All tickets for this recorder
              </Link>
            ) : null}
            <Link href={`/tickets/search?q=${encodeURIComponent(history.requester)}`} className="text-brand-700 underline">
              All tickets from this requester
            </Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}
