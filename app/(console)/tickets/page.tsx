import type { Metadata } from "next";
import Link from "next/link";
import { Countdown } from "@/components/tickets/countdown";
import { StatusBadge } from "@/components/tickets/status-badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { isOpenStatus, listTicketQueue } from "@/lib/tickets/list-ticket-queue";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { queueFilterSchema } from "@/lib/validation/tickets";

export const metadata: Metadata = { title: "Tickets" };

const STATUS_OPTIONS = [
  ["OPEN", "Open (ready, review, approved)"],
  ["READY", "Ready to send"],
  ["REVIEW", "Needs supervisor"],
  ["APPROVED", "Approved"],
  ["SENT", "Code sent"],
  ["REFUSED", "Refused"],
  ["ALL", "All"],
] as const;

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("AGENT", "page:/tickets");
  const filter = queueFilterSchema.parse(await searchParams);
  const rows = await listTicketQueue({ db: getDb(), actor: user, filter });
  const open = filter.status === "OPEN" || isOpenStatus(filter.status);
  return (
    <>
      <PageHeader
        title="Ticket queue"
        description={open ? "Most urgent first: time left before each customer's QR code expires." : "Newest first."}
        actions={
          <Link href="/tickets/new" className={buttonClasses("primary")} aria-keyshortcuts="n">
            New ticket <kbd className="rounded bg-white/20 px-1 text-xs">n</kbd>
          </Link>
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the queue">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Status
          <select name="status" defaultValue={filter.status} className={selectClass} data-shortcut-focus>
            {STATUS_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Decision
          <select name="decision" defaultValue={filter.decision} className={selectClass}>
            <option value="ALL">Any</option>
            <option value="ISSUE">Issue</option>
            <option value="REVIEW">Review</option>
            <option value="REFUSE">Refuse</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Assignee
          <select name="assignee" defaultValue={["me", "unassigned", "all"].includes(filter.assignee) ? filter.assignee : "all"} className={selectClass}>
            <option value="all">Anyone</option>
            <option value="me">Me</option>
            <option value="unassigned">Unassigned</option>
          </select>
        </label>
        <button className={buttonClasses("secondary")}>Apply</button>
      </form>
      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">
            No tickets match.{" "}
            <Link href="/tickets/new" className="font-medium text-brand-700 underline">
              Open a new one
            </Link>
            .
          </p>
        ) : (
          <DataTable caption="Tickets" columns={["Ticket", "Customer", "Recorder", "Status", "Time left", "Assignee"]}>
            <tbody className="divide-y divide-slate-100">
              {rows.map((t) => (
                <tr key={t.id} className="hover:bg-slate-50 focus-within:bg-brand-50">
                  <td className="py-2">
                    <Link href={`/tickets/${t.id}`} data-queue-link className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {ticketRef(t.number)}
                    </Link>
                  </td>
                  <td>{t.customerName}</td>
                  <td className="font-mono text-xs">{t.serial ?? "—"}</td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td>
                    {isOpenStatus(t.status) ? <Countdown expiresAt={t.expiresAt?.toISOString() ?? null} /> : <span className="text-xs text-slate-400">—</span>}
                  </td>
                  <td className="text-slate-600">{t.assignee?.name ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Card>
    </>
  );
}
