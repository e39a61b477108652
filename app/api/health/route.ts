import { getDb } from "@/lib/db/client";
import { checkHealth } from "@/lib/db/check-health";

// Public on purpose (load balancers call it); it reveals no secrets, users or data.
export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth({ db: getDb() });
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
