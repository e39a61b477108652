import { revalidatePath } from "next/cache";
import { stepUpFor } from "@/lib/auth/step-up";
import { getDb } from "@/lib/db/client";
import { importDevicesUpload } from "@/lib/devices/import/import-devices-upload";
import { DEVICE_IMPORT_UPLOAD } from "@/lib/devices/import/upload-protocol";
import { guardedRoute } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { parseImportUpload } from "./parse-import-upload";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Dry run or import of a device CSV, streamed (the body is the file) so that no server action
 * needs a large body limit. Answers the report: 200 when the file passed, 422 when it was refused,
 * 413 over the size cap.
 */
export const POST = guardedRoute(
  "ADMIN",
  "api:POST /api/v1/admin/devices/import",
  async (request, user) => {
    assertSameOrigin(request, DEVICE_IMPORT_UPLOAD.contentType);
    const upload = parseImportUpload(request);
    const { stepUpCode, ...rest } = upload;
    const outcome = await importDevicesUpload({
      db: getDb(),
      actor: { id: user.id, label: user.name },
      ip: user.ip,
      ...rest,
      stepUp: stepUpFor(user, stepUpCode),
    });
    if (outcome.report.imported) revalidatePath("/admin/devices");
    return Response.json(outcome, { status: outcome.ok ? 200 : 422, headers: NO_STORE });
    // The file streams: the import's own cap answers with its report first; this one is the backstop.
  },
  { bodyLimit: DEVICE_IMPORT_UPLOAD.maxBytes + 1024 * 1024, streamBody: true },
);
