import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { TicketStatus } from "@/lib/generated/prisma/enums";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { StatusBadge } from "./status-badge";

type Linked = { id: string; number: number; status: TicketStatus };

function Row({ ticket, why }: { ticket: Linked; why: string }) {
  return (
    <li className="flex flex-wrap items-center gap-2">
      <Link href={`/tickets/${ticket.id}`} className="font-medium text-brand-700 underline">
        {ticketRef(ticket.number)}
      </Link>
      <StatusBadge status={ticket.status} />
      <span className="text-xs text-slate-500">{why}</span>
    </li>
  );
}

/** Tickets for the same QR code, and duplicates either way; nothing when there are none. */
export function LinkedTickets({ sameChallenge, duplicateOf, duplicates }: { sameChallenge: Linked[]; duplicateOf: Linked | null; duplicates: Linked[] }) {
  if (!sameChallenge.length && !duplicateOf && !duplicates.length) return null;
  return (
    <Card title="Linked tickets">
      <ul className="flex flex-col gap-2 text-sm" aria-label="Linked tickets">
        {sameChallenge.map((t) => (
          <Row key={`c-${t.id}`} ticket={t} why="same QR code" />
        ))}
        {duplicateOf ? <Row ticket={duplicateOf} why="this ticket duplicates it" /> : null}
        {duplicates.map((t) => (
          <Row key={`d-${t.id}`} ticket={t} why="duplicate of this ticket" />
        ))}
      </ul>
    </Card>
  );
}
