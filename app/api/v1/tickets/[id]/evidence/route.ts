import { revalidatePath } from "next/cache";
import { getDb } from "@/lib/db/client";
import { AppError, parseInput } from "@/lib/errors";
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPE_MESSAGE, isEvidenceType } from "@/lib/evidence/evidence-rules";
import { readEvidenceUpload, storeEvidence } from "@/lib/evidence/store-evidence";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { ticketIdSchema } from "@/lib/validation/tickets";

/**
 * Keeps the customer's photo with the ticket: the body is the image (JPEG, PNG or WebP, by its
 * Content-Type and its bytes), at most EVIDENCE_MAX_BYTES (the declared length is refused with 413
 * before anything is read). Answers the stored photo's id and SHA-256 (also in the audit event).
 */
export const POST = guardedRoute(
  "AGENT",
  "api:POST /api/v1/tickets/[id]/evidence",
  async (request, user, context: { params: Promise<{ id: string }> }) => {
    const { ticketId } = parseInput(ticketIdSchema, { ticketId: (await context.params).id });
    const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (!isEvidenceType(type)) throw new AppError("INVALID_INPUT", EVIDENCE_TYPE_MESSAGE, { file: [EVIDENCE_TYPE_MESSAGE] });
    assertSameOrigin(request, type);
    const length = request.headers.get("content-length");
    const declaredBytes = length === null || !Number.isFinite(Number(length)) ? null : Number(length);
    const bytes = await readEvidenceUpload(request.body, declaredBytes);
    const stored = await storeEvidence({
      db: getDb(),
      actor: { id: user.id, label: user.name, role: user.role, ip: user.ip },
      ticketId,
      bytes,
      declaredType: type,
    });
    revalidatePath(`/tickets/${ticketId}`);
    revalidatePath(`/review/${ticketId}`);
    return Response.json(
      { id: stored.id, sha256: stored.sha256, contentType: stored.contentType, size: stored.size, width: stored.width, height: stored.height },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  },
  // The photo streams to readEvidenceUpload, whose own cap answers first; this is the backstop.
  { bodyLimit: EVIDENCE_MAX_BYTES + 64 * 1024, streamBody: true },
);
