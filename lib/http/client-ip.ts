import { isIP } from "node:net";
import { env } from "@/lib/env";

/** The address recorded when the client's is not known (no trusted proxy, no socket). */
export const UNKNOWN_IP = "unknown";

/**
 * The client's address as seen by the closest proxy we trust, or UNKNOWN_IP. With
 * TRUSTED_PROXY_HOPS=0 nothing in the request's headers is believed (a client can write any
 * X-Forwarded-For): only the socket's address counts, when the caller has it (Next.js does not
 * hand it to route handlers or actions, so there it is UNKNOWN_IP and per-IP throttling is off).
 * Behind N trusted reverse proxies that each append the address they saw, the Nth entry from
 * the right of X-Forwarded-For is the first one a client cannot forge; anything there that does
 * not parse as an IP address is dropped, so no arbitrary string reaches the throttle or the
 * audit log. X-Real-IP is never read: one header, one rule.
 */
export function clientIp(headers: { get(name: string): string | null }, hops = env().TRUSTED_PROXY_HOPS ?? 1, socketAddress?: string | null): string {
  if (hops === 0) return normalizeIp(socketAddress) ?? UNKNOWN_IP;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim());
  if (chain.length < hops) return UNKNOWN_IP;
  return normalizeIp(chain[chain.length - hops]) ?? UNKNOWN_IP;
}

/** The address if it parses as IPv4 or IPv6 (an IPv4-mapped IPv6 address as plain IPv4), else null. */
function normalizeIp(value: string | null | undefined): string | null {
  if (!value) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  const ip = mapped ? mapped[1]! : value;
  return isIP(ip) ? ip.toLowerCase() : null;
}
