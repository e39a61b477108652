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
import { isOpenStatus, listTicketQueue, queueIsOpen, SAVED_VIEWS } from "@/lib/tickets/list-ticket-queue";
import { formatUtc } from "@/lib/time";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { queueFilterSchema, type QueueFilter } from "@/lib/validation/tickets";

export const metadata: Metadata = { title: "Tickets" };

const STATUS_OPTIONS = [
  ["OPEN", "Open (ready, review, approved)"],
  ["READY", "Ready to send"],
  ["REVIEW", "Needs supervisor"],
  ["APPROVED", "Approved"],
  ["SENT", "Code sent"],
  ["REFUSED", "Refused"],
  ["RESOLVED", "Resolved"],
  ["EXPIRED", "Expired"],
  ["ALL", "All"],
] as const;

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

const SORT_OPTIONS = [
  ["timeLeft", "Time left"],
  ["age", "Age (oldest first)"],
  ["newest", "Newest first"],
] as const;

/** The queue's URL for a saved view, or for the same filters sorted another way. */
function queueHref(filter: QueueFilter, change: Partial<QueueFilter>): string {
  const next = { ...filter, ...change };
  const params = new URLSearchParams();
  if (next.view) params.set("view", next.view);
  else {
    if (next.status !== "OPEN") params.set("status", next.status);
    if (next.decision !== "ALL") params.set("decision", next.decision);
    if (next.assignee !== "all") params.set("assignee", next.assignee);
  }
  if (next.sort) params.set("sort", next.sort);
  const query = params.toString();
  return query ? `/tickets?${query}` : "/tickets";
}

const SORT_DESCRIPTIONS = {
  timeLeft: "Most urgent first: time left before each customer's QR code expires.",
  age: "Oldest first.",
  newest: "Newest first.",
} as const;

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("AGENT", "page:/tickets");
  const filter = queueFilterSchema.parse(await searchParams);
  const rows = await listTicketQueue({ db: getDb(), actor: user, filter });
  const sort = filter.sort ?? (queueIsOpen(filter) ? "timeLeft" : "newest");
  return (
    <>
      <PageHeader
        title="Ticket queue"
        description={SORT_DESCRIPTIONS[sort]}
        actions={
          <Link href="/tickets/new" className={buttonClasses("primary")} aria-keyshortcuts="n">
            New ticket <kbd className="rounded bg-white/20 px-1 text-xs">n</kbd>
          </Link>
        }
      />
      <nav aria-label="Saved views" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        <Link
          href={queueHref({ ...filter, view: undefined }, { status: "OPEN", decision: "ALL", assignee: "all" })}
          aria-current={!filter.view ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${!filter.view ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          All open
        </Link>
        {SAVED_VIEWS.map((v) => (
          <Link
            key={v.id}
            href={queueHref(filter, { view: v.id })}
            aria-current={filter.view === v.id ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${filter.view === v.id ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {v.label}
          </Link>
        ))}
      </nav>
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
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Sort by
          <select name="sort" defaultValue={sort} className={selectClass}>
            {SORT_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {filter.view ? <input type="hidden" name="view" value={filter.view} /> : null}
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
          <DataTable
            caption="Tickets"
            columns={[
              "Ticket",
              "Customer",
              "Recorder",
              "Status",
              {
                label: "Opened (age)",
                href: queueHref(filter, { sort: sort === "age" ? "newest" : "age" }),
                sort: sort === "age" ? "ascending" : sort === "newest" ? "descending" : undefined,
              },
              { label: "Time left", href: queueHref(filter, { sort: "timeLeft" }), sort: sort === "timeLeft" ? "ascending" : undefined },
              "Assignee",
            ]}
          >
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
                    {t.fromEmail ? <span className="ml-1 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-950">From email</span> : null}
                    {t.escalatedAt ? <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-950">Escalated</span> : null}
                  </td>
                  <td className="whitespace-nowrap text-xs text-slate-600">{formatUtc(t.createdAt)}</td>
                  <td>
                    {isOpenStatus(t.status) ? <Countdown expiresAt={t.expiresAt?.toISOString() ?? null} /> : <span className="text-xs text-slate-500">—</span>}
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
