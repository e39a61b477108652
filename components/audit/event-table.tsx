import Link from "next/link";
import { formatUtc } from "@/lib/time";
import { DetailsList } from "./details-list";

export type EventTableRow = {
  seq: string;
  at: Date;
  actorLabel: string;
  action: string;
  words: string;
  ip?: string | null;
  ticketId: string | null;
  serial?: string | null;
  details: unknown;
};

export function EventTable({ rows, caption }: { rows: EventTableRow[]; caption: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No events match.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">
              #
            </th>
            <th scope="col" className="pr-3">
              When (UTC)
            </th>
            <th scope="col" className="pr-3">
              Who
            </th>
            <th scope="col" className="pr-3">
              What
            </th>
            <th scope="col" className="pr-3">
              Ticket / device
            </th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((e) => (
            <tr key={e.seq}>
              <td className="py-2 pr-3 tabular-nums text-slate-500">{e.seq}</td>
              <td className="pr-3 whitespace-nowrap">{formatUtc(e.at, { seconds: true })}</td>
              <td className="pr-3">
                {e.actorLabel}
                {e.ip ? <span className="block text-xs text-slate-500">{e.ip}</span> : null}
              </td>
              <td className="pr-3">
                {e.words}
                <code className="block text-xs text-slate-500">{e.action}</code>
              </td>
              <td className="pr-3 text-xs">
                {e.ticketId ? (
                  <Link href={`/review/${e.ticketId}`} className="underline">
                    ticket
                  </Link>
                ) : null}
                {e.serial ? (
                  <Link href={`/audit/devices/${encodeURIComponent(e.serial)}`} className="block underline">
                    {e.serial}
                  </Link>
                ) : null}
              </td>
              <td>
                <DetailsList details={e.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
