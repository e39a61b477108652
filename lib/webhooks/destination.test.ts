import { describe, expect, it } from "vitest";
import { allowlistMatcher, classifyAddress, embeddedIpv4, parseAllowlistEntry } from "./destination";

describe("webhook destination classifier", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["100.64.0.1", "private"],
    ["169.254.169.254", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["8.8.8.8", "public"],
    ["172.32.0.1", "public"],
    ["93.184.216.34", "public"],
  ])("IPv4 %s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fd00::1", "unique-local"],
    ["fc00::1", "unique-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["64:ff9b:1::a00:1", "private"],
    ["2002:a00:1::1", "reserved"],
    ["2001:0:4136:e378::1", "reserved"],
    ["2606:4700:4700::1111", "public"],
    ["2a00:1450:4001:81c::200e", "public"],
  ])("IPv6 %s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it.each([
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:7f00:0001", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["64:ff9b::192.168.0.1", "private"],
    ["64:ff9b::a00:1", "private"],
    ["::ffff:8.8.8.8", "public"],
  ])("an IPv4 address inside IPv6 (%s) is judged as the IPv4 address: %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });

  it("reads the IPv4 address out of mapped forms, and nothing out of a plain IPv6 address", () => {
    expect(embeddedIpv4("::ffff:c0a8:0101")).toBe("192.168.1.1");
    expect(embeddedIpv4("2606:4700::1111")).toBeNull();
  });

  it("calls anything that is not an address invalid", () => {
    expect(classifyAddress("localhost")).toBe("invalid");
    expect(classifyAddress("999.1.1.1")).toBe("invalid");
  });

  it("matches an allowlist of addresses and ranges, mapped forms included", () => {
    const allowed = allowlistMatcher(["127.0.0.1", "10.20.0.0/16", "fd00::/8"]);
    expect(allowed("127.0.0.1")).toBe(true);
    expect(allowed("::ffff:127.0.0.1")).toBe(true);
    expect(allowed("127.0.0.2")).toBe(false);
    expect(allowed("10.20.3.4")).toBe(true);
    expect(allowed("10.21.0.1")).toBe(false);
    expect(allowed("fd12::5")).toBe(true);
    expect(allowed("::1")).toBe(false);
  });

  it("parses allowlist entries and refuses what is not an address or range", () => {
    expect(parseAllowlistEntry("10.0.0.0/8")).toEqual({ network: "10.0.0.0", prefix: 8, type: "ipv4" });
    expect(parseAllowlistEntry("::1")).toEqual({ network: "::1", prefix: 128, type: "ipv6" });
    for (const bad of ["example.com", "10.0.0.0/33", "10.0.0.0/x", "::/129", ""]) expect(parseAllowlistEntry(bad)).toBeNull();
  });
});
