import type { Metadata } from "next";
import Link from "next/link";
import { EscalationActions } from "@/components/escalations/escalation-actions";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listOpenEscalations } from "@/lib/escalations/list-escalations";
import { ticketRef } from "@/lib/tickets/ticket-ref";

export const metadata: Metadata = { title: "Escalations" };

const KIND_LABELS = { STOLEN: "Stolen recorder", BLOCKED: "Blocked recorder", CHECK: "Check to resolve" } as const;

export default async function EscalationsPage() {
  await requirePageUser("SUPERVISOR", "page:/escalations");
  const escalations = await listOpenEscalations({ db: getDb() });
  return (
    <>
      <PageHeader title="Escalations" description="Tickets agents handed to the supervisors, oldest first. Take one, handle it, and close it with a note." />
      <Card>
        {escalations.length === 0 ? (
          <p className="text-sm text-slate-600">No escalations waiting.</p>
        ) : (
          <DataTable caption="Open escalations" columns={["Ticket", "Why", "Escalated", "Taken by", "Handle"]} spaced>
            <tbody className="divide-y divide-slate-100 align-top">
              {escalations.map((e) => (
                <tr key={e.id}>
                  <td className="py-2 pr-3">
                    <Link href={`/tickets/${e.ticket.id}`} className="font-medium text-brand-700 underline">
                      {ticketRef(e.ticket.number)}
                    </Link>
                    <div className="mt-1">
                      <StatusBadge status={e.ticket.status} />
                    </div>
                    <p className="mt-1 text-xs text-slate-600">
                      {e.ticket.customerName} · <span className="font-mono">{e.ticket.serial ?? "—"}</span>
                    </p>
                  </td>
                  <td className="py-2 pr-3">
                    <p className="font-medium">{KIND_LABELS[e.kind]}</p>
                    {e.note ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{e.note}</p> : null}
                  </td>
                  <td className="whitespace-nowrap py-2 pr-3 text-slate-600">
                    {e.createdBy.name}
                    <br />
                    <span className="text-xs">{e.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</span>
                  </td>
                  <td className="py-2 pr-3 text-slate-600">{e.takenBy?.name ?? "—"}</td>
                  <td className="py-2">
                    <EscalationActions escalationId={e.id} ticketRef={ticketRef(e.ticket.number)} taken={e.takenBy !== null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Card>
    </>
  );
}
