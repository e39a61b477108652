import { getDb } from "@/lib/db/client";
import { AppError, parseInput } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { leaveReviewPresence, touchReviewPresence } from "@/lib/review/presence";
import { ticketIdSchema } from "@/lib/validation/tickets";

const NO_STORE = { "Cache-Control": "no-store" };

/** The review page's heartbeat: "I still have this ticket open"; answers who else has it open. */
export const POST = guardedRoute("SUPERVISOR", "api:POST /api/v1/review/[id]/presence", async (request, user, context: { params: Promise<{ id: string }> }) => {
  assertSameOrigin(request);
  const { ticketId } = parseInput(ticketIdSchema, { ticketId: (await context.params).id });
  const db = getDb();
  if (!(await db.ticket.findUnique({ where: { id: ticketId }, select: { id: true } }))) throw new AppError("NOT_FOUND", "No such ticket.");
  const others = await touchReviewPresence({ db, ticketId, userId: user.id });
  return Response.json({ others: others.map((o) => ({ name: o.name, since: o.since.toISOString() })) }, { headers: NO_STORE });
});

/** The review page was left: the claim ends now instead of lapsing. */
export const DELETE = guardedRoute(
  "SUPERVISOR",
  "api:DELETE /api/v1/review/[id]/presence",
  async (request, user, context: { params: Promise<{ id: string }> }) => {
    assertSameOrigin(request);
    const { ticketId } = parseInput(ticketIdSchema, { ticketId: (await context.params).id });
    await leaveReviewPresence({ db: getDb(), ticketId, userId: user.id });
    return new Response(null, { status: 204, headers: NO_STORE });
  },
);
