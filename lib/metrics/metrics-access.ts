import "server-only";
import { createServer, type Server } from "node:http";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { constantTimeEqual } from "@/lib/reset-protocol";
import { scrapeMetrics } from "./scrape";

/**
 * Whether a request to `/api/metrics` may read the metrics: only with `Authorization: Bearer
 * <METRICS_TOKEN>`. Without a configured token the route is off (404) and metrics are served only
 * on the private METRICS_BIND listener.
 */
export function metricsAccess(headers: { get(name: string): string | null }, token = env().METRICS_TOKEN): "ok" | "off" | "denied" {
  if (!token) return "off";
  const given = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization") ?? "")?.[1] ?? "";
  return constantTimeEqual(given, token) ? "ok" : "denied";
}

/** Parses METRICS_BIND ("127.0.0.1:9464", "[::1]:9464" or a bare port, loopback then). */
export function parseBind(bind: string): { host: string; port: number } {
  const match = /^(?:(?:\[([^\]]+)\]|([^:[\]]+)):)?(\d{1,5})$/.exec(bind.trim());
  if (!match) throw new Error("METRICS_BIND must be host:port or a port");
  return { host: match[1] ?? match[2] ?? "127.0.0.1", port: Number(match[3]) };
}

/**
 * A plain HTTP listener for Prometheus on METRICS_BIND (GET /metrics), for the app and for the
 * external outbox worker, whose counters live in its own process. Bind it to a private address:
 * it has no authentication of its own.
 */
export function serveMetrics(bind = env().METRICS_BIND): Server | undefined {
  if (!bind) return undefined;
  const { host, port } = parseBind(bind);
  const log = logger({ component: "metrics" });
  const server = createServer((request, response) => {
    if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    scrapeMetrics(getDb()).then(
      ({ contentType, body }) => response.writeHead(200, { "Content-Type": contentType, "Cache-Control": "no-store" }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  server.on("error", (err) => log.error({ err }, "metrics listener failed"));
  server.listen(port, host, () => log.info({ host, port }, "metrics listener on /metrics"));
  server.unref();
  return server;
}
