import Link from "next/link";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import type { DeviceHistory } from "@/lib/audit/device-history";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { formatUtc } from "@/lib/time";

/** What the summary shows of a recorder's history: the device history the review and audit pages load. */
export type DeviceSummaryData = Pick<DeviceHistory, "serial" | "device" | "tickets" | "issues">;

/** The recorder's registry entry and what happened to it before: earlier tickets and code issues. */
export function DeviceSummary({ data }: { data: DeviceSummaryData }) {
  const { device } = data;
  return (
    <div className="flex flex-col gap-4 text-sm">
      {device ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="font-medium">Serial</dt>
          <dd>
            <Link href={`/audit/devices/${encodeURIComponent(data.serial)}`} className="underline">
              {data.serial}
            </Link>
          </dd>
          <dt className="font-medium">Model</dt>
          <dd>{device.model}</dd>
          <dt className="font-medium">Status</dt>
          <dd>
            {device.status.toLowerCase()}
            {device.statusReason ? ` (${device.statusReason})` : ""}
          </dd>
          <dt className="font-medium">Owner of record</dt>
          <dd>{device.ownerEmail ? `${device.ownerName ?? ""} <${device.ownerEmail}>` : "none"}</dd>
          <dt className="font-medium">Owner since</dt>
          <dd>
            {formatUtc(device.ownerSince, { seconds: true })}
            {device.ownerSource ? ` · ${device.ownerSource}` : ""}
          </dd>
        </dl>
      ) : (
        <p>Serial {data.serial} is not in the device registry.</p>
      )}
      <div>
        <h3 className="mb-1 font-semibold">Other tickets for this recorder ({data.tickets.length})</h3>
        {data.tickets.length === 0 ? (
          <p className="text-slate-600">None.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.tickets.map((t) => (
              <li key={t.id} className="py-1">
                <Link href={`/review/${t.id}`} className="underline">
                  {ticketRef(t.number)}
                </Link>{" "}
                · {formatUtc(t.createdAt, { seconds: true })} · <OutcomeBadge value={t.decision} /> {t.status.toLowerCase()} · {t.customerEmail} · by{" "}
                {t.createdByName}
                {t.flagged.length ? <span className="text-xs text-slate-500"> · {t.flagged.join(", ")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="mb-1 font-semibold">Codes issued for this recorder ({data.issues.length})</h3>
        {data.issues.length === 0 ? (
          <p className="text-slate-600">None.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {data.issues.map((i) => (
              <li key={i.id} className="py-1">
                {formatUtc(i.issuedAt, { seconds: true })} · {ticketRef(i.ticketNumber)} · {i.kind.toLowerCase()} · to {i.destination} · by {i.actorName}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
