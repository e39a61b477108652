import Link from "next/link";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { formatUtc } from "@/lib/time";
import { OutcomeBadge } from "./outcome-badge";

export type TicketTableRow = {
  id: string;
  number: number;
  createdAt: Date;
  status: string;
  decision: string;
  serial: string | null;
  customerName: string;
  customerEmail: string;
  createdByName: string | null;
  flagged: string[];
};

export function TicketTable({ rows, caption }: { rows: TicketTableRow[]; caption: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No tickets match.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">
              Ticket
            </th>
            <th scope="col" className="pr-3">
              Opened (UTC)
            </th>
            <th scope="col" className="pr-3">
              Status
            </th>
            <th scope="col" className="pr-3">
              Decision
            </th>
            <th scope="col" className="pr-3">
              Flags
            </th>
            <th scope="col" className="pr-3">
              Serial
            </th>
            <th scope="col" className="pr-3">
              Customer
            </th>
            <th scope="col">Opened by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((t) => (
            <tr key={t.id}>
              <td className="py-2 pr-3 font-medium">
                <Link href={`/review/${t.id}`} className="text-brand-700 underline">
                  {ticketRef(t.number)}
                </Link>
              </td>
              <td className="pr-3 whitespace-nowrap">{formatUtc(t.createdAt, { seconds: true })}</td>
              <td className="pr-3">{t.status.toLowerCase()}</td>
              <td className="pr-3">
                <OutcomeBadge value={t.decision} />
              </td>
              <td className="pr-3 text-xs">{t.flagged.join(", ") || "—"}</td>
              <td className="pr-3">
                {t.serial ? (
                  <Link href={`/audit/devices/${encodeURIComponent(t.serial)}`} className="underline">
                    {t.serial}
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="pr-3">
                {t.customerName}
                <span className="block text-xs text-slate-500">{t.customerEmail}</span>
              </td>
              <td>{t.createdByName ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
