import { env } from "@/lib/env";

/**
 * The client's address as seen by the closest proxy we trust. Next.js fills X-Forwarded-For from
 * the socket only when a request arrives without one, so behind N trusted reverse proxies the
 * Nth entry from the right is the first one a client cannot forge (TRUSTED_PROXY_HOPS, default 1).
 */
export function clientIp(headers: { get(name: string): string | null }, hops = env().TRUSTED_PROXY_HOPS ?? 1): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip = chain[Math.max(0, chain.length - Math.max(1, hops))] ?? headers.get("x-real-ip") ?? "unknown";
  return ip.slice(0, 64);
}
