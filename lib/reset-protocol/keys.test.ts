import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { KeyConfigError, parseMasterKeys, type KeyConfigErrorCode } from "./keys";

const KEY_A = "a1".repeat(16) + "b2".repeat(16);
const KEY_B = "c3d4e5f6".repeat(8);
const KEY_C = "0123456789abcdef".repeat(4);
const ALL_KEYS = [KEY_A, KEY_B, KEY_C];

/** True iff `text` contains any 8-character window of any key, in hex either case, or as bytes. */
function leaksKeyMaterial(text: string): boolean {
  for (const key of ALL_KEYS) {
    for (let start = 0; start + 8 <= key.length; start += 2) {
      const window = key.slice(start, start + 8);
      if (text.toLowerCase().includes(window)) return true;
      // Buffer inspection prints bytes as "a1 b2 ...".
      if (text.toLowerCase().includes(window.match(/../g)!.join(" "))) return true;
    }
    if (text.includes(Buffer.from(key, "hex").toString("base64"))) return true;
  }
  return /Buffer|Uint8Array/.test(text);
}

function configError(env: string | undefined, current?: string): KeyConfigError {
  try {
    parseMasterKeys(env, current);
  } catch (error) {
    if (error instanceof KeyConfigError) return error;
    throw error;
  }
  throw new Error("expected a KeyConfigError");
}

describe("parseMasterKeys: valid configurations", () => {
  it("reads versions and keys; current defaults to the highest", () => {
    const keys = parseMasterKeys(`2:${KEY_B},1:${KEY_A}`);
    expect(keys.versions).toEqual([1, 2]);
    expect(keys.current).toBe(2);
    expect(keys.get(1)?.toString("hex")).toBe(KEY_A);
    expect(keys.get(2)?.toString("hex")).toBe(KEY_B);
    expect(keys.get(3)).toBeUndefined();
    expect(keys.has(1)).toBe(true);
    expect(keys.has(3)).toBe(false);
  });

  it("takes RESET_MASTER_KEY_CURRENT when it names a configured version", () => {
    expect(parseMasterKeys(`1:${KEY_A},2:${KEY_B}`, "1").current).toBe(1);
    expect(parseMasterKeys(`1:${KEY_A},2:${KEY_B}`, " 2 ").current).toBe(2);
    expect(parseMasterKeys(`1:${KEY_A},2:${KEY_B}`, "").current).toBe(2);
    expect(parseMasterKeys(`1:${KEY_A},2:${KEY_B}`, undefined).current).toBe(2);
  });

  it("accepts white space around entries and ':', upper-case hex, and versions 1 and 255", () => {
    const keys = parseMasterKeys(` 1 : ${KEY_A.toUpperCase()} ,\n255:${KEY_C}\n`);
    expect(keys.versions).toEqual([1, 255]);
    expect(keys.get(1)?.toString("hex")).toBe(KEY_A);
  });

  it("hands out copies, so a caller cannot change the configured key", () => {
    const keys = parseMasterKeys(`1:${KEY_A}`);
    keys.get(1)?.fill(0);
    expect(keys.get(1)?.toString("hex")).toBe(KEY_A);
  });

  it("is frozen", () => {
    const keys = parseMasterKeys(`1:${KEY_A}`);
    expect(Object.isFrozen(keys)).toBe(true);
    expect(Object.isFrozen(keys.versions)).toBe(true);
  });
});

describe("parseMasterKeys: key material never shows", () => {
  const keys = parseMasterKeys(`1:${KEY_A},2:${KEY_B},3:${KEY_C}`, "2");

  it("in JSON.stringify", () => {
    expect(JSON.stringify(keys)).toBe('{"current":2,"versions":[1,2,3]}');
    expect(JSON.stringify({ config: keys })).toBe('{"config":{"current":2,"versions":[1,2,3]}}');
  });

  it("in util.inspect / console.log, even with hidden properties shown", () => {
    for (const text of [
      inspect(keys),
      inspect(keys, { showHidden: true, depth: null }),
      inspect(keys, { customInspect: false, showHidden: true, depth: null }),
      inspect({ nested: { keys } }, { depth: null }),
      String(keys),
      `${keys}`,
    ]) {
      expect(leaksKeyMaterial(text)).toBe(false);
    }
    expect(inspect(keys)).toContain("versions");
  });

  it("in its enumerable properties or a spread copy", () => {
    expect(leaksKeyMaterial(JSON.stringify({ ...keys }))).toBe(false);
    expect(leaksKeyMaterial(inspect(Object.entries(keys), { depth: null }))).toBe(false);
    expect(Object.keys(keys).sort()).toEqual(["current", "get", "has", "toJSON", "toString", "versions"]);
  });
});

describe("parseMasterKeys: every configuration error", () => {
  const cases: Array<[string, string | undefined, string | undefined, KeyConfigErrorCode, RegExp]> = [
    ["unset", undefined, undefined, "missing", /RESET_MASTER_KEYS is not set/],
    ["blank", "  \n", undefined, "missing", /not set/],
    ["an empty entry", `1:${KEY_A},,2:${KEY_B}`, undefined, "empty-entry", /entry 2 is empty/],
    ["a trailing comma", `1:${KEY_A},`, undefined, "empty-entry", /entry 2 is empty/],
    ["an entry without ':'", `1:${KEY_A},${KEY_B}`, undefined, "entry-format", /entry 2 must look like/],
    ["version 0", `0:${KEY_A}`, undefined, "bad-version", /entry 1 .*1\.\.255/],
    ["version 256", `256:${KEY_A}`, undefined, "bad-version", /entry 1/],
    ["a leading zero", `01:${KEY_A}`, undefined, "bad-version", /leading zeros/],
    ["a negative version", `-1:${KEY_A}`, undefined, "bad-version", /entry 1/],
    ["a non-numeric version", `v1:${KEY_A}`, undefined, "bad-version", /entry 1/],
    ["key and version swapped", `${KEY_A}:1`, undefined, "bad-version", /entry 1/],
    ["a short key", `1:${KEY_A.slice(0, 62)}`, undefined, "bad-key", /version 1: key must be 64 hex characters \(32 bytes\)/],
    ["a long key", `3:${KEY_A}00`, undefined, "bad-key", /version 3: key must be 64 hex/],
    ["a base64 key", `1:${Buffer.from(KEY_A, "hex").toString("base64")}`, undefined, "bad-key", /version 1/],
    ["a key with a prefix", `1:0x${KEY_A.slice(2)}`, undefined, "bad-key", /version 1/],
    ["an empty key", "1:", undefined, "bad-key", /version 1/],
    ["an all-zero key", `1:${"00".repeat(32)}`, undefined, "weak-key", /version 1: key has all bytes equal/],
    ["an all-0xff key", `1:${KEY_A},2:${"ff".repeat(32)}`, undefined, "weak-key", /version 2/],
    ["a repeated version", `1:${KEY_A},1:${KEY_B}`, undefined, "duplicate-version", /version 1 is configured more than once/],
    ["the same key twice", `1:${KEY_A},2:${KEY_B},3:${KEY_A.toUpperCase()}`, undefined, "duplicate-key", /versions 1 and 3 have the same key/],
    ["a current version that is not a number", `1:${KEY_A}`, "one", "bad-current", /RESET_MASTER_KEY_CURRENT must be a key version/],
    ["a current version with a leading zero", `1:${KEY_A}`, "01", "bad-current", /RESET_MASTER_KEY_CURRENT/],
    ["a key in the current variable", `1:${KEY_A}`, KEY_B, "bad-current", /RESET_MASTER_KEY_CURRENT/],
    [
      "a current version that is not configured",
      `1:${KEY_A},2:${KEY_B}`,
      "4",
      "unknown-current",
      /is 4, but no key with version 4 is configured \(configured: 1, 2\)/,
    ],
  ];

  it.each(cases)("refuses %s", (_name, env, current, code, message) => {
    const error = configError(env, current);
    expect(error.code).toBe(code);
    expect(error.name).toBe("KeyConfigError");
    expect(error.message).toMatch(message);
    expect(leaksKeyMaterial(error.message)).toBe(false);
    expect(leaksKeyMaterial(inspect(error))).toBe(false);
    expect(leaksKeyMaterial(JSON.stringify(error))).toBe(false);
  });
});
