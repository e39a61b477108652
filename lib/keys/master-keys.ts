import "server-only";
import { env } from "@/lib/env";
import { parseMasterKeys, type MasterKeys } from "@/lib/reset-protocol";

let cached: MasterKeys | undefined;

/**
 * The console's master keys, from RESET_MASTER_KEYS / RESET_MASTER_KEY_CURRENT. Parsed once and
 * validated at start-up (instrumentation.ts), so a bad configuration stops the server with a
 * clear message instead of failing the first reset.
 */
export function masterKeys(): MasterKeys {
  if (!cached) {
    const config = env();
    cached = parseMasterKeys(config.RESET_MASTER_KEYS, config.RESET_MASTER_KEY_CURRENT);
  }
  return cached;
}

/** Tests swap keys without touching the environment. */
export function setMasterKeysForTests(keys: MasterKeys | undefined): void {
  cached = keys;
}
