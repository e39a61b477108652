import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { EVIDENCE_EXTENSION } from "@/lib/evidence/evidence-rules";
import { getEvidenceFile } from "@/lib/evidence/get-evidence";
import { guardedRoute } from "@/lib/http/route";
import { ticketRef } from "@/lib/tickets/ticket-ref";

const evidenceIdSchema = z.object({ evidenceId: z.uuid("Not a photo id.") });

/**
 * One stored photo, to whoever may see its ticket (canViewTicket). Served as what it is and
 * nothing else: its own image type (never sniffed: nosniff), no caching outside the browser's
 * memory, and a download name when saved; every /api response already carries
 * `Content-Security-Policy: default-src 'none'` (next.config.ts), so nothing in it could run.
 */
export const GET = guardedRoute("AGENT", "api:GET /api/v1/evidence/[id]", async (_request, user, context: { params: Promise<{ id: string }> }) => {
  const { evidenceId } = parseInput(evidenceIdSchema, { evidenceId: (await context.params).id });
  const file = await getEvidenceFile({ db: getDb(), viewer: { id: user.id, role: user.role }, evidenceId });
  return new Response(Buffer.from(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": `inline; filename="${ticketRef(file.ticketNumber)}-photo.${EVIDENCE_EXTENSION[file.contentType]}"`,
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
      ETag: `"${file.sha256}"`,
    },
  });
});
