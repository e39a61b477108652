import { getDb } from "@/lib/db/client";
import { checkReadiness } from "@/lib/db/check-readiness";

// Readiness: database reachable, migrations current, keys loaded. Public for load balancers; it
// names what is wrong, never a value.
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness({ db: getDb() });
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
