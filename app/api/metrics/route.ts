import { getDb } from "@/lib/db/client";
import { metricsAccess } from "@/lib/metrics/metrics-access";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

// For Prometheus, not people: a bearer token (METRICS_TOKEN) instead of a session. Without one
// configured the route does not exist; METRICS_BIND serves the same text on a private listener.
export async function GET(request: Request) {
  const access = metricsAccess(request.headers);
  if (access === "off") return new Response("Not found", { status: 404 });
  if (access === "denied") return new Response("Unauthorized", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"' } });
  const { contentType, body } = await scrapeMetrics(getDb());
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
