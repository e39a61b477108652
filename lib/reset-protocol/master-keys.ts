// Master key configuration: RESET_MASTER_KEYS="1:<64 hex>,2:<64 hex>" and optionally
// RESET_MASTER_KEY_CURRENT="2". Server-side only. The keys live in a closure, so the returned
// object has nothing to print: JSON.stringify, console.log and util.inspect show versions only.
import { timingSafeEqual } from "node:crypto";
import { RP1_KEY_BYTES } from "./constants";
import { KeyConfigError } from "./key-config-error";
import type { MasterKeyRing } from "./types";

const VERSION = /^(?:[1-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$/;
const HEX_KEY = new RegExp(`^[0-9A-Fa-f]{${RP1_KEY_BYTES * 2}}$`);
const ENV_KEYS = "RESET_MASTER_KEYS";
const ENV_CURRENT = "RESET_MASTER_KEY_CURRENT";

export interface MasterKeys extends MasterKeyRing {
  /** True iff `version` is configured. */
  has(version: number): boolean;
  /** Only the versions: what JSON.stringify shows. */
  toJSON(): { current: number; versions: number[] };
}

/**
 * Parses and validates the master key configuration.
 * @param envValue RESET_MASTER_KEYS: comma-separated "<version>:<64 hex digits>" entries; white
 *   space around entries and around ":" is ignored; hex digits in either case.
 * @param currentVersion RESET_MASTER_KEY_CURRENT: the version new devices get; unset or blank
 *   means the highest configured version.
 * @throws KeyConfigError, whose message never contains key material.
 */
export function parseMasterKeys(envValue: string | undefined, currentVersion?: string): MasterKeys {
  if (envValue === undefined || envValue.trim() === "") {
    throw new KeyConfigError("missing", `${ENV_KEYS} is not set: configure at least one key as <version>:<64 hex characters>.`);
  }
  const keys = new Map<number, Buffer>();
  for (const [index, rawEntry] of envValue.split(",").entries()) {
    const entryNumber = index + 1;
    const entry = rawEntry.trim();
    if (entry === "") throw new KeyConfigError("empty-entry", `${ENV_KEYS}: entry ${entryNumber} is empty (a stray comma?).`);
    const colon = entry.indexOf(":");
    if (colon === -1) {
      throw new KeyConfigError("entry-format", `${ENV_KEYS}: entry ${entryNumber} must look like <version>:<64 hex characters>.`);
    }
    const versionText = entry.slice(0, colon).trim();
    if (!VERSION.test(versionText)) {
      // The text before ":" is not echoed: a swapped entry would put the key there.
      throw new KeyConfigError("bad-version", `${ENV_KEYS}: entry ${entryNumber} must start with a key version 1..255 without leading zeros.`);
    }
    const version = Number(versionText);
    if (keys.has(version)) throw new KeyConfigError("duplicate-version", `${ENV_KEYS}: version ${version} is configured more than once.`);
    const hex = entry.slice(colon + 1).trim();
    if (!HEX_KEY.test(hex)) {
      throw new KeyConfigError("bad-key", `${ENV_KEYS}: version ${version}: key must be ${RP1_KEY_BYTES * 2} hex characters (${RP1_KEY_BYTES} bytes).`);
    }
    const key = Buffer.from(hex, "hex");
    if (key.every((byte) => byte === key[0])) {
      throw new KeyConfigError("weak-key", `${ENV_KEYS}: version ${version}: key has all bytes equal; use ${RP1_KEY_BYTES} random bytes.`);
    }
    for (const [otherVersion, otherKey] of keys) {
      if (timingSafeEqual(otherKey, key)) {
        throw new KeyConfigError("duplicate-key", `${ENV_KEYS}: versions ${otherVersion} and ${version} have the same key; every version needs its own key.`);
      }
    }
    keys.set(version, key);
  }
  const versions = [...keys.keys()].sort((a, b) => a - b);
  return createRing(keys, versions, chooseCurrent(currentVersion, versions));
}

function chooseCurrent(currentVersion: string | undefined, versions: readonly number[]): number {
  const highest = versions[versions.length - 1];
  if (highest === undefined) throw new KeyConfigError("missing", `${ENV_KEYS} has no keys.`);
  if (currentVersion === undefined || currentVersion.trim() === "") return highest;
  const text = currentVersion.trim();
  if (!VERSION.test(text)) {
    throw new KeyConfigError("bad-current", `${ENV_CURRENT} must be a key version number 1..255 without leading zeros.`);
  }
  const current = Number(text);
  if (!versions.includes(current)) {
    throw new KeyConfigError(
      "unknown-current",
      `${ENV_CURRENT} is ${current}, but no key with version ${current} is configured (configured: ${versions.join(", ")}).`,
    );
  }
  return current;
}

function createRing(keys: ReadonlyMap<number, Buffer>, versionList: number[], current: number): MasterKeys {
  const versions = Object.freeze([...versionList]);
  const summary = () => ({ current, versions: [...versions] });
  return Object.freeze({
    current,
    versions,
    has: (version: number) => keys.has(version),
    // A copy, so a caller that scrubs or mutates its buffer cannot damage the configuration.
    get: (version: number) => {
      const key = keys.get(version);
      return key ? Buffer.from(key) : undefined;
    },
    toJSON: summary,
    toString: () => `MasterKeys(current ${current}; versions ${versions.join(", ")})`,
    [Symbol.for("nodejs.util.inspect.custom")]: summary,
  });
}
