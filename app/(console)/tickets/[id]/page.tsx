import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditTimeline } from "@/components/audit/timeline";
import { EvidencePanel } from "@/components/evidence/evidence-panel";
import { NextStepsCard } from "@/components/guidance/next-steps-card";
import { ReviewDecisionList } from "@/components/review/review-decision";
import { AssignControl } from "@/components/tickets/assign-control";
import { CheckList } from "@/components/tickets/check-list";
import { DeliveryStatus } from "@/components/tickets/delivery-status";
import { LifecycleCard } from "@/components/tickets/lifecycle-card";
import { LinkedTickets } from "@/components/tickets/linked-tickets";
import { HistoryCard } from "@/components/tickets/history-card";
import { NoteForm } from "@/components/tickets/note-form";
import { NoteThread } from "@/components/tickets/note-thread";
import { EmailThread } from "@/components/tickets/email-thread";
import { ReplyForm } from "@/components/tickets/reply-form";
import { listEmailThread } from "@/lib/inbound/email-thread";
import { fillReply } from "@/lib/guidance/next-steps";
import { SendCodePanel } from "@/components/tickets/send-code-panel";
import { TicketBar } from "@/components/tickets/ticket-bar";
import { decisionText } from "@/components/tickets/status-badge";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { currentUser, requirePageUser } from "@/lib/auth/guard";
import { roleAtLeast } from "@/lib/auth/roles";
import { ticketTimeline } from "@/lib/audit/ticket-timeline";
import { getDb } from "@/lib/db/client";
import { listTicketEvidence } from "@/lib/evidence/get-evidence";
import { listTicketEscalations } from "@/lib/escalations/list-escalations";
import { ticketDelivery } from "@/lib/outbox/ticket-delivery";
import { maskEmail } from "@/lib/privacy/mask-email";
import { rp1Scheme } from "@/lib/reset-protocol";
import { listApprovals } from "@/lib/review/list-approvals";
import { listReplyTemplates } from "@/lib/guidance/reply-templates";
import { masterKeys } from "@/lib/keys/master-keys";
import { getSettings } from "@/lib/settings/get-settings";
import { readChecks } from "@/lib/tickets/checks/read-checks";
import { getTicket } from "@/lib/tickets/get-ticket";
import { listTicketNotes } from "@/lib/tickets/notes";
import { nextResendAt } from "@/lib/tickets/resend-code";
import { canSendCode, loadSendFacts } from "@/lib/tickets/rules";
import { customerGuidance, nextAction } from "@/lib/tickets/lifecycle-rules";
import { listLinkedTickets } from "@/lib/tickets/linked-tickets";
import { listAssignableStaff } from "@/lib/tickets/list-assignable-staff";
import { isOpenStatus } from "@/lib/tickets/list-ticket-queue";
import { ticketHistory } from "@/lib/tickets/ticket-history";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { ticketPageTitle } from "@/lib/tickets/ticket-title";
import { formatUtc } from "@/lib/time";

/** "RT-000042 · Kim Lee · Reset Console": the tab says which ticket is open (nothing for one the viewer may not see). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const title = await ticketPageTitle({ db: getDb(), actor: await currentUser(), ticketId: (await params).id });
  return { title: title ?? "Ticket" };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("AGENT", "page:/tickets/[id]");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = getDb();
  const ticket = await getTicket({ db, actor: user, ticketId: id });
  if (!ticket) notFound();
  const [deliveries, timeline, approvals, notes, sendFacts, settings, staff, escalations, linked, history, thread] = await Promise.all([
    ticketDelivery({ db, ticketId: ticket.id }),
    ticketTimeline({ db, ticketId: ticket.id }),
    listApprovals({ db, ticketId: ticket.id }),
    listTicketNotes({ db, ticketId: ticket.id }),
    loadSendFacts(db, ticket.id),
    getSettings({ db }),
    user.role === "AGENT" ? Promise.resolve(null) : listAssignableStaff({ db }),
    listTicketEscalations({ db, ticketId: ticket.id }),
    listLinkedTickets({ db, actor: user, ticket }),
    ticketHistory({ db, actor: user, ticketId: ticket.id }),
    listEmailThread({ db, ticketId: ticket.id }),
  ]);
  const parsed = ticket.rawChallenge ? rp1Scheme.parse(ticket.rawChallenge) : null;
  const fields = parsed?.ok ? rp1Scheme.describe(parsed.challenge) : [];
  const mine = ticket.canAct;
  const sendContext = { actorId: user.id, keyVersions: masterKeys().versions, now: new Date() };
  const send = sendFacts ? canSendCode(sendFacts, { stage: "issue", ...sendContext }) : null;
  const resend = sendFacts ? canSendCode(sendFacts, { stage: "resend", ...sendContext }) : null;
  const destination = ticket.approvedDestination ?? ticket.device?.owner?.email ?? null;
  const resendAllowedAt = nextResendAt(
    ticket.codeIssues.filter((i) => i.kind === "RESEND").map((i) => i.issuedAt),
    settings.maxResendsPerTicketPerHour,
    sendContext.now,
  );
  const checks = readChecks(ticket.checks);
  const evidence = await listTicketEvidence({ db, viewer: user, ticketId: ticket.id, retentionDays: settings.evidenceRetentionDays });
  // Just opened by this user with no photo yet: the photo the intake held is uploaded now.
  const takeHeldPhoto = ticket.createdById === user.id && evidence.length === 0 && sendContext.now.getTime() - ticket.createdAt.getTime() < 10 * 60_000;
  const guidance = await listReplyTemplates({ db, reasonCodes: [...new Set(checks.filter((c) => c.outcome !== "pass").map((c) => c.id))] });
  const open = isOpenStatus(ticket.status);
  const nextStep = customerGuidance({ status: ticket.status, checks, deviceStatus: ticket.device?.status ?? null });

  return (
    <div className="flex flex-col gap-6">
      <TicketBar
        reference={ticketRef(ticket.number)}
        status={ticket.status}
        assignee={ticket.assignee?.name ?? null}
        expiresAt={ticket.expiresAt}
        open={open}
        next={nextAction({
          id: ticket.id,
          status: ticket.status,
          escalatedAt: ticket.escalatedAt,
          createdById: ticket.createdById,
          checks,
          deviceStatus: ticket.device?.status ?? null,
          viewer: { id: user.id, supervisor: roleAtLeast(user.role, "SUPERVISOR"), canAct: mine, canSend: !!send?.ok },
        })}
      />
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
          <p className="mt-2 text-sm text-slate-600">
            Opened by {ticket.createdBy.name} · {formatUtc(ticket.createdAt)}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/tickets/new?from=${ticket.id}`} className={buttonClasses("secondary")}>
            New ticket for this customer
          </Link>
          <AssignControl ticketId={ticket.id} me={{ id: user.id, name: user.name }} assignee={ticket.assignee} staff={staff} />
        </div>
      </div>
      {nextStep ? (
        <Alert tone={ticket.status === "EXPIRED" ? "warning" : "info"} title="Next step">
          {nextStep}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex flex-col gap-6 lg:col-span-2">
          <Card title={`Checks: ${decisionText(ticket.decision)}`}>
            <CheckList checks={checks} />
          </Card>
          <NextStepsCard templates={guidance} customerName={ticket.customerName} ticketRef={ticketRef(ticket.number)} />
          {ticket.channel === "EMAIL" || thread.length ? (
            <Card title="Email" id="email-thread">
              <div className="flex flex-col gap-4">
                <EmailThread entries={thread} />
                {mine ? (
                  <ReplyForm
                    ticketId={ticket.id}
                    to={ticket.customerEmail}
                    canned={guidance.map((t) => ({ label: t.step, body: fillReply(t.body, { name: ticket.customerName, ref: ticketRef(ticket.number) }) }))}
                  />
                ) : (
                  <p className="text-sm text-slate-600">Take the ticket to reply to the customer.</p>
                )}
              </div>
            </Card>
          ) : null}
          {approvals.length ? (
            <Card title="Supervisor review">
              <ReviewDecisionList approvals={approvals} />
            </Card>
          ) : null}
          <Card title="Security code" id="security-code">
            {mine ? (
              <SendCodePanel
                ticketId={ticket.id}
                canSend={!!send?.ok}
                canResend={!!resend?.ok}
                destinationMasked={destination ? maskEmail(destination) : null}
                resendAllowedAt={resendAllowedAt instanceof Date ? resendAllowedAt.toISOString() : resendAllowedAt}
              />
            ) : (
              <p className="text-sm text-slate-600">Take the ticket to act on it.</p>
            )}
            {mine && send && !send.ok && (ticket.status === "READY" || ticket.status === "APPROVED") ? (
              <p className="mt-2 text-sm text-amber-900">{send.message}</p>
            ) : null}
            {mine && resend && !resend.ok && ticket.status === "SENT" ? <p className="mt-2 text-sm text-slate-600">{resend.message}</p> : null}
            {ticket.status === "REVIEW" ? <p className="mt-2 text-sm text-amber-900">Waiting for a supervisor. You will see their decision here.</p> : null}
            {ticket.status === "EXPIRED" ? <p className="mt-2 text-sm text-orange-900">The QR code has expired: no code can be sent on this ticket.</p> : null}
            <p className="mt-3 text-xs text-slate-500">The code goes only to the owner of record; nobody in the console ever sees it.</p>
            {deliveries.length ? (
              <div className="mt-4">
                <DeliveryStatus deliveries={deliveries} requeueFor={roleAtLeast(user.role, "SUPERVISOR") ? { ticketId: ticket.id } : null} />
              </div>
            ) : null}
          </Card>
          <div id="lifecycle" className="scroll-mt-16">
            <LifecycleCard ticket={ticket} escalations={escalations} canAct={mine} />
          </div>
          <Card title="Notes">
            <div className="mb-4">
              <NoteThread request={ticket.notes} notes={notes} />
            </div>
            <NoteForm ticketId={ticket.id} forReviewer={ticket.status === "REVIEW" && mine && !notes.some((n) => n.toReviewer)} />
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
          <Card title="Customer's photo">
            <EvidencePanel
              ticketId={ticket.id}
              items={evidence}
              canAdd={mine}
              takeHeld={takeHeldPhoto}
              rawText={evidence.length ? null : ticket.rawChallenge}
            />
          </Card>
          <LinkedTickets {...linked} />
          {history ? <HistoryCard history={history} /> : null}
          <AuditTimeline entries={timeline} />
        </div>
      </div>
    </div>
  );
}
