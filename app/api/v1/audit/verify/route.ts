import { parseAnchor } from "@/lib/audit/parse-anchor";
import { verifyAuditChainAs } from "@/lib/audit/verify-chain";
import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/route";

/** Verifies the whole audit chain; `?anchor=seq:hash` (or `?seq=&hash=`) checks an anchor kept outside the database. */
export const GET = guardedRoute(
  "SUPERVISOR",
  "api:GET /api/v1/audit/verify",
  async (request, user) => {
    const params = new URL(request.url).searchParams;
    const seq = params.get("seq");
    const hash = params.get("hash");
    const anchor = parseAnchor(params.get("anchor") ?? (seq && hash ? `${seq}:${hash}` : null));
    const report = await verifyAuditChainAs({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, anchor });
    return Response.json(report, { headers: { "Cache-Control": "no-store" } });
  },
  { scope: "audit:read" },
);
