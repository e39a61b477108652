import { describe, expect, it } from "vitest";
import { clientIp, UNKNOWN_IP } from "./client-ip";

const headers = (forwardedFor?: string, realIp?: string) =>
  new Headers({ ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}), ...(realIp ? { "x-real-ip": realIp } : {}) });

describe("clientIp", () => {
  it("TRUSTED_PROXY_HOPS=0 ignores every forwarding header: the socket address, else unknown", () => {
    expect(clientIp(headers("203.0.113.9", "203.0.113.10"), 0)).toBe(UNKNOWN_IP);
    expect(clientIp(headers("203.0.113.9"), 0, "198.51.100.4")).toBe("198.51.100.4");
    expect(clientIp(headers(), 0, "::ffff:198.51.100.4")).toBe("198.51.100.4");
    expect(clientIp(headers(), 0, "not-an-ip")).toBe(UNKNOWN_IP);
  });

  it("trusts only the configured hop from the right of X-Forwarded-For", () => {
    const chain = "1.1.1.1, 203.0.113.9, 10.0.0.2";
    expect(clientIp(headers(chain), 1)).toBe("10.0.0.2");
    expect(clientIp(headers(chain), 2)).toBe("203.0.113.9");
    expect(clientIp(headers(chain), 3)).toBe("1.1.1.1");
    // Fewer entries than proxies: the request did not come through them all.
    expect(clientIp(headers(chain), 4)).toBe(UNKNOWN_IP);
    expect(clientIp(headers("2001:DB8::1"), 1)).toBe("2001:db8::1");
  });

  it("drops a value that is not an IP address, and never falls back to X-Real-IP or another entry", () => {
    expect(clientIp(headers("203.0.113.9, <script>alert(1)</script>"), 1)).toBe(UNKNOWN_IP);
    expect(clientIp(headers("203.0.113.9, "), 1)).toBe(UNKNOWN_IP);
    expect(clientIp(headers(undefined, "203.0.113.10"), 1)).toBe(UNKNOWN_IP);
    expect(clientIp(headers("a".repeat(500)), 1)).toBe(UNKNOWN_IP);
  });
});
