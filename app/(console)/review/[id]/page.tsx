import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { AuditTimeline } from "@/components/audit/timeline";
import { EvidencePanel } from "@/components/evidence/evidence-panel";
import { ClaimIndicator } from "@/components/review/claim-indicator";
import { DecideReviewForm } from "@/components/review/decide-review-form";
import { RequesterHistory } from "@/components/review/requester-history";
import { DeviceSummary } from "@/components/review/device-summary";
import { NoteThread } from "@/components/tickets/note-thread";
import { ReviewDecisionList } from "@/components/review/review-decision";
import { CheckList } from "@/components/tickets/check-list";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ticketTimeline } from "@/lib/audit/ticket-timeline";
import { currentUser, requirePageUser } from "@/lib/auth/guard";
import { roleAtLeast } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { listTicketEvidence } from "@/lib/evidence/get-evidence";
import { getReviewTicket } from "@/lib/review/get-review-ticket";
import { canDecideReview } from "@/lib/review/review-rules";
import { listReviewViewers } from "@/lib/review/presence";
import { requesterHistory } from "@/lib/review/requester-history";
import { getSettings } from "@/lib/settings/get-settings";
import { listTicketNotes } from "@/lib/tickets/notes";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { ticketPageTitle } from "@/lib/tickets/ticket-title";
import { formatUtc } from "@/lib/time";
import { loadGranters } from "@/lib/users/privilege-rules";

/** "RT-000042 · Kim Lee · Review · Reset Console" (the review page needs a supervisor, who sees every ticket). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const user = await currentUser();
  const title =
    user && roleAtLeast(user.role, "SUPERVISOR") ? await ticketPageTitle({ db: getDb(), actor: user, ticketId: (await params).id, suffix: "Review" }) : null;
  return { title: title ?? "Review ticket" };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A recorder clock further off than this is worth pointing out (the checks flag it separately). */
const NOTABLE_SKEW_SECONDS = 300;

type Search = { decided?: string; as?: string };

export default async function ReviewTicketPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id } = await params;
  const search = await searchParams;
  const user = await requirePageUser("SUPERVISOR", `page:/review/${id}`);
  if (!UUID.test(id)) notFound();
  const db = getDb();
  const ticket = await getReviewTicket({ db, ticketId: id }).catch((e: unknown) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const now = new Date();
  const asOf = now.getTime();
  const [timeline, notes, granters, settings, viewers, requester] = await Promise.all([
    ticketTimeline({ db, ticketId: id }),
    listTicketNotes({ db, ticketId: id }),
    loadGranters(db, user.id, now),
    getSettings({ db }),
    listReviewViewers({ db, ticketId: id, exceptUserId: user.id, now }),
    requesterHistory({ db, customerEmail: ticket.customer.email, excludeTicketId: id }),
  ]);
  // The same rule decideReview applies: the page offers the form only when the server would accept it.
  const verdict = canDecideReview(ticket, user.id, granters);
  const evidence = await listTicketEvidence({ db, viewer: user, ticketId: id, retentionDays: settings.evidenceRetentionDays });
  const decided = decidedMessage(search);
  const skew = ticket.challenge?.clockSkewSeconds ?? 0;
  return (
    <>
      <PageHeader
        title={`Ticket ${ticketRef(ticket.number)}`}
        description={
          <>
            Opened {formatUtc(ticket.createdAt, { seconds: true })} by {ticket.createdByName} · status <strong>{ticket.status.toLowerCase()}</strong> · checks
            decided <OutcomeBadge value={ticket.decision} /> · challenge expires {formatUtc(ticket.expiresAt, { seconds: true })}
          </>
        }
      />
      <div className="mb-4 flex flex-col gap-2">
        {decided ? <Alert tone="success">{decided}</Alert> : null}
        <ClaimIndicator ticketId={ticket.id} viewers={viewers.map((v) => ({ name: v.name, since: v.since.toISOString() }))} asOf={asOf} />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Decision">
          <div className="flex flex-col gap-4">
            <ReviewDecisionList approvals={ticket.approvals} />
            {!verdict.ok ? (
              ticket.status === "REVIEW" ? (
                <Alert tone="warning" title="Four eyes">
                  {ticket.createdById === user.id ? "You opened this ticket, so another supervisor must approve or refuse it." : verdict.message}
                </Alert>
              ) : null
            ) : (
              <DecideReviewForm ticketId={ticket.id} ownerEmail={ticket.history?.device?.ownerEmail ?? null} open={ticket.status === "REVIEW"} />
            )}
          </div>
        </Card>
        <Card title="Checks">
          <CheckList checks={ticket.checks} />
        </Card>
        <Card title="Customer">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-medium">Name</dt>
            <dd>{ticket.customer.name}</dd>
            <dt className="font-medium">Email</dt>
            <dd>{ticket.customer.email}</dd>
            <dt className="font-medium">Phone</dt>
            <dd>{ticket.customer.phone ?? "—"}</dd>
            <dt className="font-medium">Channel</dt>
            <dd>{ticket.customer.channel.toLowerCase().replace("_", " ")}</dd>
          </dl>
        </Card>
        <Card title="Notes">
          <NoteThread request={ticket.notes} notes={notes} />
        </Card>
        <Card title="Customer's photo">
          <EvidencePanel ticketId={ticket.id} items={evidence} canAdd={false} takeHeld={false} rawText={evidence.length ? null : ticket.rawChallenge} />
        </Card>
        <Card title="Recorder challenge">
          {ticket.challenge ? (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              {(ticket.challenge.fields ?? []).map((f) => (
                <div key={f.field} className="contents">
                  <dt className="font-medium">{f.label}</dt>
                  <dd className="break-all">{f.value}</dd>
                </div>
              ))}
              <dt className="font-medium">First seen by us</dt>
              <dd>{formatUtc(ticket.challenge.firstSeenAt, { seconds: true })}</dd>
              <dt className="font-medium">Recorder clock skew</dt>
              <dd className={Math.abs(skew) > NOTABLE_SKEW_SECONDS ? "font-semibold text-amber-800" : ""}>
                {skew === 0 ? "none" : `${Math.abs(skew)} s ${skew > 0 ? "ahead" : "behind"}`}
              </dd>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">No challenge is attached to this ticket.</p>
          )}
        </Card>
        <Card title="Device history" className="lg:col-span-2">
          {ticket.history ? <DeviceSummary data={ticket.history} /> : <p className="text-sm text-slate-600">No serial on this ticket.</p>}
        </Card>
        <Card title={`Requester history (${requester.tickets.length}${requester.more ? "+" : ""})`} className="lg:col-span-2">
          <RequesterHistory email={ticket.customer.email} data={requester} />
        </Card>
        <Card title="Audit timeline" className="lg:col-span-2">
          <AuditTimeline entries={timeline} />
        </Card>
      </div>
    </>
  );
}

/** After "Approve and next" / "Refuse and next": what was just decided, said on the next ticket. */
function decidedMessage(search: Search): string | null {
  const number = Number(search.decided);
  if (!Number.isInteger(number) || number < 1 || (search.as !== "approved" && search.as !== "refused")) return null;
  return `${ticketRef(number)} ${search.as}. This is the next ticket waiting for review.`;
}
