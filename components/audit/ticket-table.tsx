import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
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
      <DataTable caption={caption} columns={["Ticket", "Opened (UTC)", "Status", "Decision", "Flags", "Serial", "Customer", "Opened by"]} spaced>
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
      </DataTable>
    </div>
  );
}
