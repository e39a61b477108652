import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
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
      <DataTable caption={caption} columns={["#", "When (UTC)", "Who", "What", "Ticket / device", "Details"]} spaced>
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
      </DataTable>
    </div>
  );
}
