import "server-only";
import { hkdfSync } from "node:crypto";
import { env } from "@/lib/env";
import { parseMasterKeys, type MasterKeys } from "@/lib/reset-protocol";

let cached: { source: string; keys: MasterKeys } | undefined;

/** The HKDF label of the demo-only ring: nothing else derives a key with it. */
const DEMO_RING_LABEL = "reset-console virtual recorder demo master key v1";

/**
 * The virtual recorder's key ring, never the console's production master keys: a simulator that
 * signed with those could mint a genuine challenge for any real recorder (stolen ones included),
 * and the console would answer it with a working code. It is SIMULATOR_MASTER_KEYS (same format as
 * RESET_MASTER_KEYS) or, unset, one demo-only key derived from NEXTAUTH_SECRET.
 *
 * The console verifies challenges and derives codes with RESET_MASTER_KEYS only. So a simulator
 * challenge becomes a ticket with a code only on a console whose ring holds the simulator's key:
 * the demo and the e2e runs set both to the same throw-away key; anywhere else the simulator's
 * challenges fail the signature check like any forgery.
 */
export function simulatorKeys(): MasterKeys {
  const config = env();
  const source = config.SIMULATOR_MASTER_KEYS
    ? `${config.SIMULATOR_MASTER_KEYS}|${config.SIMULATOR_MASTER_KEY_CURRENT ?? ""}`
    : `derived|${config.NEXTAUTH_SECRET ?? ""}`;
  if (cached?.source !== source) cached = { source, keys: parse(config) };
  return cached.keys;
}

function parse(config: ReturnType<typeof env>): MasterKeys {
  if (config.SIMULATOR_MASTER_KEYS) return parseMasterKeys(config.SIMULATOR_MASTER_KEYS, config.SIMULATOR_MASTER_KEY_CURRENT);
  if (!config.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET is not set: the virtual recorder has no key to derive.");
  const key = Buffer.from(hkdfSync("sha256", config.NEXTAUTH_SECRET, "", DEMO_RING_LABEL, 32)).toString("hex");
  return parseMasterKeys(`1:${key}`, "1");
}
