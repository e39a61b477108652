import { BlockList, isIP } from "node:net";

// Where a webhook may not go unless an admin allowlists it: the console's own network. Checked
// on the address actually connected to (after DNS), so a public name that resolves to a private
// address is refused too.

export type AddressClass = "public" | "loopback" | "private" | "link-local" | "unique-local" | "unspecified" | "multicast" | "reserved" | "invalid";

const V4: [string, number, AddressClass][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "private"], // carrier-grade NAT
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"], // includes cloud metadata (169.254.169.254)
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "reserved"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "reserved"],
  ["198.51.100.0", 24, "reserved"],
  ["203.0.113.0", 24, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"], // includes 255.255.255.255
];

const V6: [string, number, AddressClass][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fe80::", 10, "link-local"],
  ["fc00::", 7, "unique-local"],
  ["fec0::", 10, "private"], // deprecated site-local
  ["ff00::", 8, "multicast"],
  ["2001:db8::", 32, "reserved"],
  ["100::", 64, "reserved"], // discard-only
  ["64:ff9b:1::", 48, "private"], // local-use NAT64 (RFC 8215): translates to the operator's own networks
  ["2002::", 16, "reserved"], // 6to4 (deprecated): carries any IPv4 address, private ones included
  ["2001::", 32, "reserved"], // Teredo: a tunnel to an address this check cannot see
  ["::", 96, "reserved"], // IPv4-compatible (deprecated)
];

const lists = new Map<AddressClass, BlockList>();
for (const [net, prefix, cls] of V4) (lists.get(cls) ?? lists.set(cls, new BlockList()).get(cls)!).addSubnet(net, prefix, "ipv4");
for (const [net, prefix, cls] of V6) (lists.get(cls) ?? lists.set(cls, new BlockList()).get(cls)!).addSubnet(net, prefix, "ipv6");

/** The IPv4 address inside an IPv6 one that carries it (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, the old compatible ::a.b.c.d), else null. */
export function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::ffff:0:|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted && isIP(dotted[1]!) === 4) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::|::ffff:0:)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  const full = expandIpv6(lower);
  if (!full) return null;
  // ::ffff:0:0/96 mapped, 64:ff9b::/96 NAT64 in full form
  const head = full.slice(0, 6).join(":");
  if (head === "0:0:0:0:0:ffff" || head === "64:ff9b:0:0:0:0") {
    const hi = parseInt(full[6]!, 16);
    const lo = parseInt(full[7]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** The eight groups of an IPv6 address without embedded dotted quads, as hex without leading zeros; null if it is not one. */
function expandIpv6(address: string): string[] | null {
  if (isIP(address) !== 6 || address.includes(".")) return null;
  const [left, right] = address.split("::", 2) as [string, string | undefined];
  const head = left ? left.split(":") : [];
  const tail = right === undefined ? [] : right ? right.split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (right === undefined && head.length !== 8) return null;
  const groups = [...head, ...Array<string>(right === undefined ? 0 : missing).fill("0"), ...tail];
  return groups.map((g) => parseInt(g, 16).toString(16));
}

/** What kind of address this is; anything not "public" is refused as a webhook destination unless allowlisted. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 0) return "invalid";
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4) return classifyAddress(v4);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const [cls, list] of lists) if (list.check(bare, type)) return cls;
  return "public";
}

/** An admin's allowlist (addresses and CIDR ranges) as one matcher; bad entries are skipped (the form refuses them). */
export function allowlistMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseAllowlistEntry(entry);
    if (parsed) list.addSubnet(parsed.network, parsed.prefix, parsed.type);
  }
  return (address) => {
    const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
    const family = isIP(bare);
    if (family === 0) return false;
    const v4 = family === 6 ? embeddedIpv4(bare) : null;
    return v4 ? list.check(v4, "ipv4") : list.check(bare, family === 4 ? "ipv4" : "ipv6");
  };
}

/** `10.0.0.5`, `10.0.0.0/8`, `fd00::/8`, `::1`: the network, its prefix and family; null when it is none of these. */
export function parseAllowlistEntry(entry: string): { network: string; prefix: number; type: "ipv4" | "ipv6" } | null {
  const [network = "", prefixText] = entry.trim().split("/", 2);
  const family = isIP(network);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^[0-9]{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { network, prefix, type: family === 4 ? "ipv4" : "ipv6" };
}
