// Liveness: the process answers. Public, like /api/health; it asks nothing of the database, so an
// outage there does not make the orchestrator restart every instance.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
