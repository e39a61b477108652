import { exportAnchor } from "@/lib/audit/export-anchor";
import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/route";

/** Downloads the chain's current head as `{seq, hash, at}` (audited as audit.anchor_exported). */
export const GET = guardedRoute(
  "SUPERVISOR",
  "api:GET /api/v1/audit/anchor",
  async (_request, user) => {
    const anchor = await exportAnchor({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip });
    return new Response(`${JSON.stringify(anchor, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="audit-anchor-${anchor.seq}.json"`,
        "Cache-Control": "no-store",
      },
    });
  },
  { scope: "audit:read" },
);
