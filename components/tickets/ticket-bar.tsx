import Link from "next/link";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import type { NextAction } from "@/lib/tickets/lifecycle-rules";
import { Countdown } from "./countdown";
import { StatusBadge } from "./status-badge";

const KIND_TONE: Record<NextAction["kind"], string> = {
  act: "bg-brand-600 text-white hover:bg-brand-700",
  wait: "bg-amber-100 text-amber-950",
  done: "bg-slate-100 text-slate-800",
};

/**
 * The ticket's state at a glance, kept in view while the agent scrolls: reference, status,
 * assignee, time left, and the one thing to do next (nextAction), linked to where it is done.
 */
export function TicketBar({
  reference,
  status,
  assignee,
  expiresAt,
  open,
  next,
}: {
  reference: string;
  status: TicketStatus;
  assignee: string | null;
  expiresAt: Date | null;
  open: boolean;
  next: NextAction;
}) {
  const action = <span className={`rounded-md px-3 py-1.5 text-sm font-medium ${KIND_TONE[next.kind]}`}>{next.text}</span>;
  return (
    <div
      role="region"
      aria-label="Ticket status"
      data-sticky-bar
      className="sticky top-0 z-30 -mx-4 flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 bg-white/95 px-4 py-2 backdrop-blur"
    >
      <span className="font-mono text-sm font-semibold">{reference}</span>
      <StatusBadge status={status} />
      <span className="text-sm text-slate-600" data-testid="assignee">
        {assignee ? `Assigned to ${assignee}` : "Unassigned"}
      </span>
      {open ? <Countdown expiresAt={expiresAt?.toISOString() ?? null} /> : null}
      <span className="ml-auto flex items-center gap-2 text-sm">
        <span className="text-slate-500">Next:</span>
        {next.href ? (
          <Link href={next.href} data-testid="next-action">
            {action}
          </Link>
        ) : (
          <span data-testid="next-action">{action}</span>
        )}
      </span>
    </div>
  );
}
