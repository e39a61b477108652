import { parseInput } from "@/lib/errors";
import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { createTicket } from "@/lib/tickets/create-ticket";
import { listTicketQueue } from "@/lib/tickets/list-ticket-queue";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { newTicketSchema, queueFilterSchema } from "@/lib/validation/tickets";

/** Open a ticket (the same checks as the console form); answers the decision and its reasons. */
export const POST = guardedRoute(
  "AGENT",
  "api:POST /api/v1/tickets",
  async (request, user) => {
    assertSameOrigin(request);
    const input = parseInput(newTicketSchema, await request.json().catch(() => null));
    const ticket = await createTicket({ db: getDb(), actor: { id: user.id, label: user.name, role: user.role, ip: user.ip }, input });
    return Response.json(
      { id: ticket.id, ref: ticketRef(ticket.number), status: ticket.status, decision: ticket.decision, checks: ticket.checks },
      { status: 201 },
    );
  },
  { scope: "tickets:write" },
);

/** The caller's queue, with the same filters as the page. */
export const GET = guardedRoute(
  "AGENT",
  "api:GET /api/v1/tickets",
  async (request, user) => {
    const filter = queueFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const rows = await listTicketQueue({ db: getDb(), actor: user, filter });
    return Response.json({ tickets: rows.map((t) => ({ ...t, ref: ticketRef(t.number) })) }, { headers: { "Cache-Control": "no-store" } });
  },
  { scope: "tickets:read" },
);
