import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTimeline } from "@/components/audit/timeline";
import { ReviewDecisionList } from "@/components/review/review-decision";
import { AssignControl } from "@/components/tickets/assign-control";
import { CheckList } from "@/components/tickets/check-list";
import { Countdown } from "@/components/tickets/countdown";
import { DeliveryStatus } from "@/components/tickets/delivery-status";
import { HistoryCard } from "@/components/tickets/history-card";
import { NoteForm } from "@/components/tickets/note-form";
import { SendCodePanel } from "@/components/tickets/send-code-panel";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/guard";
import { roleAtLeast } from "@/lib/auth/roles";
import { ticketTimeline } from "@/lib/audit/ticket-timeline";
import { getDb } from "@/lib/db/client";
import { ticketDelivery } from "@/lib/outbox/ticket-delivery";
import { maskEmail } from "@/lib/privacy/mask-email";
import { rp1Scheme } from "@/lib/reset-protocol";
import { listApprovals } from "@/lib/review/list-approvals";
import type { CheckResult } from "@/lib/tickets/checks/types";
import { getTicket } from "@/lib/tickets/get-ticket";
import { listAssignableStaff } from "@/lib/tickets/list-assignable-staff";
import { ticketHistory } from "@/lib/tickets/ticket-history";
import { ticketRef } from "@/lib/tickets/ticket-ref";

export const metadata: Metadata = { title: "Ticket" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("AGENT", "page:/tickets/[id]");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = getDb();
  const ticket = await getTicket({ db, actor: user, ticketId: id });
  if (!ticket) notFound();
  const [deliveries, timeline, approvals, staff, history] = await Promise.all([
    ticketDelivery({ db, ticketId: ticket.id }),
    ticketTimeline({ db, ticketId: ticket.id }),
    listApprovals({ db, ticketId: ticket.id }),
    user.role === "AGENT" ? Promise.resolve(null) : listAssignableStaff({ db }),
    ticketHistory({ db, actor: user, ticketId: ticket.id }),
  ]);
  const parsed = ticket.rawChallenge ? rp1Scheme.parse(ticket.rawChallenge) : null;
  const fields = parsed?.ok ? rp1Scheme.describe(parsed.challenge) : [];
  const mine = user.role !== "AGENT" || ticket.createdBy.id === user.id || ticket.assignee?.id === user.id;
  const checks = ticket.checks as CheckResult[];
  const open = ["READY", "APPROVED", "REVIEW"].includes(ticket.status);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/tickets" className="underline-offset-2 hover:underline">
              Tickets
            </Link>{" "}
            / {ticketRef(ticket.number)}
          </p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">
            {ticket.customerName} <span className="text-slate-500">· {ticket.serial ?? "no serial"}</span>
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
            <StatusBadge status={ticket.status} />
            {open ? <Countdown expiresAt={ticket.expiresAt?.toISOString() ?? null} /> : null}
            <span className="text-slate-600">
              Opened by {ticket.createdBy.name} · {ticket.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
            </span>
          </div>
        </div>
        <AssignControl ticketId={ticket.id} me={{ id: user.id, name: user.name }} assignee={ticket.assignee} staff={staff} />
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          <Card title={`Decision: ${ticket.decision === "ISSUE" ? "issue the code" : ticket.decision === "REVIEW" ? "a supervisor must review" : "refused"}`}>
            <CheckList checks={checks} />
          </Card>
          {approvals.length ? (
            <Card title="Supervisor review">
              <ReviewDecisionList approvals={approvals} />
            </Card>
          ) : null}
          <Card title="Security code">
            {mine ? (
              <SendCodePanel ticketId={ticket.id} canSend={ticket.status === "READY" || ticket.status === "APPROVED"} canResend={ticket.status === "SENT"} />
            ) : (
              <p className="text-sm text-slate-600">Take the ticket to act on it.</p>
            )}
            {ticket.status === "REVIEW" ? <p className="mt-2 text-sm text-amber-900">Waiting for a supervisor. You will see their decision here.</p> : null}
            {ticket.status === "REFUSED" ? (
              <p className="mt-2 text-sm text-red-800">No code can be issued on this ticket. Tell the customer why, using the reasons above.</p>
            ) : null}
            <p className="mt-3 text-xs text-slate-500">The code goes only to the owner of record; nobody in the console ever sees it.</p>
            {deliveries.length ? (
              <div className="mt-4">
                <DeliveryStatus deliveries={deliveries} requeueFor={roleAtLeast(user.role, "SUPERVISOR") ? { ticketId: ticket.id } : null} />
              </div>
            ) : null}
          </Card>
          <Card title="Notes">
            <ul className="mb-4 flex flex-col gap-3">
              {ticket.notes ? (
                <li className="rounded bg-slate-50 p-3 text-sm">
                  <span className="font-medium">Customer&apos;s request:</span> {ticket.notes}
                </li>
              ) : null}
              {ticket.notesList.map((n) => (
                <li key={n.id} className="rounded bg-slate-50 p-3 text-sm">
                  <p className="whitespace-pre-wrap">{n.body}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {n.author.name} · {n.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
                  </p>
                </li>
              ))}
            </ul>
            <NoteForm ticketId={ticket.id} />
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          <Card title="Customer">
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">Name</dt>
              <dd>{ticket.customerName}</dd>
              <dt className="text-slate-500">Email</dt>
              <dd className="break-all">{ticket.customerEmail}</dd>
              <dt className="text-slate-500">Phone</dt>
              <dd>{ticket.customerPhone ?? "—"}</dd>
              <dt className="text-slate-500">Channel</dt>
              <dd>{ticket.channel.replace("_", " ").toLowerCase()}</dd>
              <dt className="text-slate-500">Owner of record</dt>
              <dd className="break-all">{ticket.device?.owner ? maskEmail(ticket.device.owner.email) : "—"}</dd>
            </dl>
          </Card>
          <Card title="Recorder">
            {fields.length ? (
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                {fields.map((f) => (
                  <div key={f.field} className="contents">
                    <dt className="text-slate-500">{f.label}</dt>
                    <dd className="break-all font-mono text-[13px]">{f.value}</dd>
                  </div>
                ))}
                <dt className="text-slate-500">Registry status</dt>
                <dd>{ticket.device?.status.toLowerCase() ?? "not registered"}</dd>
              </dl>
            ) : (
              <p className="text-sm text-slate-600">The challenge could not be read.</p>
            )}
          </Card>
          {history ? <HistoryCard history={history} /> : null}
          <AuditTimeline entries={timeline} />
        </div>
      </div>
    </div>
  );
}
