import { parseInput } from "@/lib/errors";
import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { maskEmail } from "@/lib/privacy/mask-email";
import { issueCode } from "@/lib/tickets/issue-code";
import { ticketIdSchema } from "@/lib/validation/tickets";

/** Issue the code to the owner of record; answers where it went (masked), never the code. */
export const POST = guardedRoute(
  "AGENT",
  "api:POST /api/v1/tickets/[id]/issue",
  async (request, user, context: { params: Promise<{ id: string }> }) => {
    assertSameOrigin(request);
    const { ticketId } = parseInput(ticketIdSchema, { ticketId: (await context.params).id });
    const result = await issueCode({ db: getDb(), actor: { id: user.id, label: user.name, role: user.role, ip: user.ip }, ticketId });
    return Response.json({ codeIssueId: result.codeIssueId, destination: maskEmail(result.destination) }, { status: 201 });
  },
  { scope: "tickets:write" },
);
