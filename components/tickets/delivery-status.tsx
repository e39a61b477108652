import type { DeliveryState, TicketDeliveryRow } from "@/lib/outbox/delivery-state";
import { formatUtc } from "@/lib/time";
import { RequeueEmailButton } from "./requeue-email-button";

const KIND_LABELS: Record<string, string> = {
  RESET_CODE: "Security code",
  OWNER_CHANGE_NOTICE: "Owner change notice",
  INVITATION: "Invitation",
};

const BADGE_TONES: Record<DeliveryState, string> = {
  queued: "border-slate-300 bg-slate-100 text-slate-800",
  sending: "border-sky-300 bg-sky-50 text-sky-900",
  sent: "border-emerald-300 bg-emerald-50 text-emerald-900",
  retrying: "border-amber-300 bg-amber-50 text-amber-950",
  failed: "border-red-300 bg-red-50 text-red-900",
};

function badgeText(row: TicketDeliveryRow): string {
  if (row.state === "retrying" && row.nextAttemptAt) return `retrying at ${formatUtc(row.nextAttemptAt)}`;
  return row.state;
}

/** Only the reset-code email belongs to a ticket's workflow; it is the one that can be requeued. */
const REQUEUABLE_KIND = "RESET_CODE";

/**
 * The emails of one ticket and how their delivery is going (data from ticketDelivery).
 * `requeueFor`: the ticket, when the viewer may requeue a failed email (supervisors, admins).
 */
export function DeliveryStatus({ deliveries, requeueFor = null }: { deliveries: TicketDeliveryRow[]; requeueFor?: { ticketId: string } | null }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-600">No email has been queued for this ticket.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Email delivery">
      {deliveries.map((row) => (
        <li key={row.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
          <div>
            <p className="font-medium text-slate-900">
              {KIND_LABELS[row.kind] ?? row.kind} <span className="font-normal text-slate-600">to {row.to}</span>
            </p>
            <p className="text-xs text-slate-600">
              Queued <time dateTime={row.createdAt.toISOString()}>{formatUtc(row.createdAt)}</time>
              {row.sentAt ? (
                <>
                  {" · "}sent <time dateTime={row.sentAt.toISOString()}>{formatUtc(row.sentAt)}</time>
                </>
              ) : null}
              {row.attempts > 0 ? ` · ${row.attempts} ${row.attempts === 1 ? "attempt" : "attempts"}` : null}
            </p>
            {row.lastError && row.state !== "sent" ? <p className="mt-1 break-all text-xs text-red-800">Last error: {row.lastError}</p> : null}
          </div>
          <span className={`shrink-0 rounded-full border px-2 py-0.5 text-xs font-medium ${BADGE_TONES[row.state]}`}>{badgeText(row)}</span>
          {requeueFor && row.kind === REQUEUABLE_KIND ? (
            <RequeueEmailButton ticketId={requeueFor.ticketId} emailId={row.id} failed={row.state === "failed"} />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
