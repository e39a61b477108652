import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { EscalationKind, Resolution, TicketStatus } from "@/lib/generated/prisma/enums";
import { escalateRefusal, RESOLUTION_LABELS, RESOLUTIONS, resolveRefusal } from "@/lib/tickets/lifecycle-rules";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { EscalateForm } from "./escalate-form";
import { ReopenForm } from "./reopen-form";
import { ResolveForm } from "./resolve-form";

const KIND_WORDS: Record<EscalationKind, string> = { STOLEN: "stolen recorder", BLOCKED: "blocked recorder", CHECK: "a check to resolve" };

type Escalation = {
  id: string;
  kind: EscalationKind;
  note: string | null;
  createdAt: Date;
  closedAt: Date | null;
  closeNote: string | null;
  createdBy: { name: string };
  takenBy: { name: string } | null;
  closedBy: { name: string } | null;
};

function utc(d: Date) {
  return `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}

/** Resolve / reopen and escalate, with the ticket's resolution and escalations; controls only for who may act. */
export function LifecycleCard({
  ticket,
  escalations,
  canAct,
}: {
  ticket: {
    id: string;
    status: TicketStatus;
    firstSentAt: Date | null;
    escalatedAt: Date | null;
    resolution: Resolution | null;
    resolutionNote: string | null;
    resolvedAt: Date | null;
    resolvedBy: { name: string } | null;
    duplicateOf: { id: string; number: number } | null;
  };
  escalations: Escalation[];
  canAct: boolean;
}) {
  const outcomes = RESOLUTIONS.map((value) => ({
    value,
    label: RESOLUTION_LABELS[value],
    disabled: value === "CONFIRMED" && !ticket.firstSentAt ? "no code sent" : null,
  }));
  const resolvable = resolveRefusal(ticket, "OTHER") === null;
  return (
    <Card title="Resolution and escalation">
      <div className="flex flex-col gap-4">
        {ticket.status === "RESOLVED" && ticket.resolution ? (
          <div className="rounded bg-slate-50 p-3 text-sm" data-testid="resolution">
            <p>
              <span className="font-medium">Resolved:</span>{" "}
              {ticket.resolution === "DUPLICATE" && ticket.duplicateOf ? (
                <>
                  Duplicate of{" "}
                  <Link href={`/tickets/${ticket.duplicateOf.id}`} className="text-brand-700 underline">
                    {ticketRef(ticket.duplicateOf.number)}
                  </Link>
                </>
              ) : (
                RESOLUTION_LABELS[ticket.resolution]
              )}
            </p>
            {ticket.resolutionNote ? <p className="mt-1 whitespace-pre-wrap">{ticket.resolutionNote}</p> : null}
            <p className="mt-1 text-xs text-slate-500">
              {ticket.resolvedBy?.name ?? "—"} · {ticket.resolvedAt ? utc(ticket.resolvedAt) : ""}
            </p>
          </div>
        ) : null}
        {canAct && ticket.status === "RESOLVED" ? <ReopenForm ticketId={ticket.id} /> : null}
        {canAct && ticket.status !== "RESOLVED" && resolvable ? <ResolveForm ticketId={ticket.id} outcomes={outcomes} /> : null}
        {canAct && (ticket.escalatedAt || escalateRefusal(ticket) === null) ? (
          <EscalateForm ticketId={ticket.id} escalated={ticket.escalatedAt !== null} />
        ) : null}
        {!canAct && ticket.escalatedAt ? <p className="rounded bg-amber-50 p-3 text-sm text-amber-950">Escalated to the supervisors.</p> : null}
        {!canAct ? <p className="text-sm text-slate-600">Take the ticket to resolve or escalate it.</p> : null}
        {escalations.length ? (
          <ul className="flex flex-col gap-2 text-sm" aria-label="Escalations">
            {escalations.map((e) => (
              <li key={e.id} className="rounded border border-slate-200 p-2">
                <p>
                  Escalated ({KIND_WORDS[e.kind]}) by {e.createdBy.name} · {utc(e.createdAt)}
                </p>
                {e.note ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{e.note}</p> : null}
                {e.closedAt ? (
                  <p className="mt-1 text-slate-700">
                    Closed by {e.closedBy?.name ?? "—"} · {utc(e.closedAt)}
                    {e.closeNote ? `: ${e.closeNote}` : ""}
                  </p>
                ) : (
                  <p className="mt-1 text-amber-900">Open{e.takenBy ? `, taken by ${e.takenBy.name}` : ", not yet taken"}</p>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </Card>
  );
}
