import { guardedRoute } from "@/lib/http/route";
import { recordDecodeReport } from "@/lib/metrics/decode-report";

// The intake's browser reports each decode's outcome here for the decode metrics.
export const POST = guardedRoute("AGENT", "api:POST /api/v1/metrics/decode", async (request) => {
  recordDecodeReport(await request.json().catch(() => null));
  return new Response(null, { status: 204 });
});
