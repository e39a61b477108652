import "server-only";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";
import { NORMATIVE_MASTER_KEYS, parseMasterKeys, type MasterKeyRing } from "@/lib/reset-protocol";

/** Where `npm run demo` keeps the random secrets it made for this machine's demo. */
export const DEMO_ENV_FILE = path.join(".data", "demo.env");

function sameKey(ring: MasterKeyRing, other: MasterKeyRing): boolean {
  return ring.versions.some((version) => {
    const a = ring.get(version);
    return other.versions.some((v) => {
      const b = other.get(v);
      return !!a && !!b && a.equals(b);
    });
  });
}

/** The demo's key ring from `.data/demo.env` under `cwd`, when that file exists and holds one. */
function demoKeyRing(cwd: string): MasterKeyRing | undefined {
  const file = path.join(cwd, DEMO_ENV_FILE);
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, "utf8")
    .split("\n")
    .find((l) => l.startsWith("RESET_MASTER_KEYS="));
  if (!line) return undefined;
  try {
    return parseMasterKeys(line.slice("RESET_MASTER_KEYS=".length));
  } catch {
    return undefined;
  }
}

const PUBLISHED_KEYS = parseMasterKeys(
  Object.entries(NORMATIVE_MASTER_KEYS)
    .map(([version, hex]) => `${version}:${hex}`)
    .join(","),
);

/**
 * What stops a production server (`npm start` outside demo mode) from starting: the published
 * RP1 test-vector keys or this machine's demo keys as master keys (anyone could compute every
 * recorder's code), and settings production cannot do without. Returns one line per problem,
 * never a value. Tests and benchmarks that serve a production build with the public vector keys
 * say so with ALLOW_TEST_KEYS=1.
 */
export function productionProblems(config: Env, keys: MasterKeyRing, cwd = process.cwd()): string[] {
  if (config.NODE_ENV !== "production" || config.DEMO_MODE) return [];
  const problems: string[] = [];
  if (!config.ALLOW_TEST_KEYS) {
    if (sameKey(keys, PUBLISHED_KEYS))
      problems.push("RESET_MASTER_KEYS holds a published RP1 test-vector key (docs/protocol.md): make real keys (openssl rand -hex 32).");
    const demo = demoKeyRing(cwd);
    if (demo && sameKey(keys, demo)) problems.push(`RESET_MASTER_KEYS holds the demo's key from ${DEMO_ENV_FILE}: make real keys for production.`);
  }
  if (!config.NEXTAUTH_URL) problems.push("NEXTAUTH_URL must be set to the console's public https:// URL.");
  if (!config.MFA_ENCRYPTION_KEY) problems.push("MFA_ENCRYPTION_KEY must be set (openssl rand -hex 32): it seals the staff's authenticator seeds at rest.");
  if (!config.SMTP_URL) problems.push("SMTP_URL must be set: outside demo mode reset codes go out through your mail relay.");
  return problems;
}
