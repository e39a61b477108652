// The code module: encoding, display, typed input and constant-time comparison; and, below, that
// the codes RP1 derives are uniformly distributed.
import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CODE_VALIDITY_MS, codeValidUntil, encodeCode, formatCode, isCode, normalizeCodeInput, RP1_ALPHABET } from "./code";
import { codesEqual } from "./signing";

const code = fc.string({ unit: fc.constantFrom(...RP1_ALPHABET), minLength: 8, maxLength: 8 });

describe("encodeCode", () => {
  it("maps 40 bits MSB-first in 5-bit groups", () => {
    expect(encodeCode(Uint8Array.of(0, 0, 0, 0, 0))).toBe("22222222");
    expect(encodeCode(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff))).toBe("tttttttt");
    // 0x08 0x86 0x42 0x98 0xe8 = 00001 00010 00011 00100 00101 00110 00111 01000
    expect(encodeCode(Uint8Array.of(0x08, 0x86, 0x42, 0x98, 0xe8))).toBe("3456789A");
    // Only the top bit set: first group is 10000 = 16 → "M".
    expect(encodeCode(Uint8Array.of(0x80, 0, 0, 0, 0))).toBe("M2222222");
    // Only the lowest bit set: last group is 00001 → "3".
    expect(encodeCode(Uint8Array.of(0, 0, 0, 0, 1))).toBe("22222223");
  });

  it("ignores bytes after the fifth and needs at least five", () => {
    expect(encodeCode(Uint8Array.of(0, 0, 0, 0, 0, 0xff, 0xff))).toBe("22222222");
    expect(() => encodeCode(Uint8Array.of(1, 2, 3, 4))).toThrow(RangeError);
  });

  it("agrees with a BigInt implementation on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (bytes) => {
        const value = BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
        let expected = "";
        for (let shift = 35n; shift >= 0n; shift -= 5n) expected += RP1_ALPHABET[Number((value >> shift) & 31n)];
        expect(encodeCode(bytes)).toBe(expected);
      }),
    );
  });
});

describe("code validity", () => {
  it("is 24 hours after t, by the recorder clock", () => {
    expect(CODE_VALIDITY_MS).toBe(86_400_000);
    expect(codeValidUntil(1763726400).toISOString()).toBe("2025-11-22T12:00:00.000Z");
    expect(codeValidUntil(0).getTime()).toBe(CODE_VALIDITY_MS);
  });
});

describe("formatCode", () => {
  it("inserts the hyphen after four characters", () => {
    expect(formatCode("jAb6LFtn")).toBe("jAb6-LFtn");
  });

  it.each(["", "jAb6LFt", "jAb6LFtnn", "jAb6-LFtn", "jAb6LFt1", "JAB6LFTN"])("refuses %j without echoing it", (value) => {
    expect(() => formatCode(value)).toThrow(RangeError);
    try {
      formatCode(value);
    } catch (error) {
      if (value) expect((error as Error).message).not.toContain(value);
    }
  });
});

describe("normalizeCodeInput", () => {
  it.each([
    ["jAb6LFtn", "jAb6LFtn"],
    ["jAb6-LFtn", "jAb6LFtn"],
    [" jAb6 LFtn ", "jAb6LFtn"],
    ["jA-b6-LF-tn", "jAb6LFtn"],
    ["\tjAb6\u00A0-\u00A0LFtn\r\n", "jAb6LFtn"],
    ["jAb6\u2013LFtn", "jAb6LFtn"],
    ["jAb6\u2011LFtn", "jAb6LFtn"],
    ["jAb6\u2212LFtn", "jAb6LFtn"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalizeCodeInput(input)).toEqual({ ok: true, code: expected });
  });

  it("never changes case", () => {
    expect(normalizeCodeInput("JAB6LFTN")).toEqual({ ok: false, problem: "character" });
    expect(normalizeCodeInput("dDeEfF22")).toEqual({ ok: true, code: "dDeEfF22" });
    fc.assert(
      fc.property(code, (value) => {
        const result = normalizeCodeInput(`${value.slice(0, 4)}-${value.slice(4)}`);
        expect(result).toEqual({ ok: true, code: value });
      }),
    );
  });

  it.each([
    ["", "empty"],
    [" - ", "empty"],
    ["jAb6LFt", "length"],
    ["jAb6-LFtnn", "length"],
    ["jAb6LFtn2222", "length"],
    ["jAb6LFt0", "character"],
    ["jAb6LFt1", "character"],
    ["jAb6LFtO", "character"],
    ["jAb6LFtI", "character"],
    ["jAb6LFtl", "character"],
    ["jAb6LFtB", "character"],
    ["jAb6_LFtn", "character"],
    ["jAb6.LFtn", "character"],
    ["jAb6LFt\u{1F600}", "character"],
    ["ｊAb6LFtn", "character"],
  ])("refuses %j: %s", (input, problem) => {
    expect(normalizeCodeInput(input)).toEqual({ ok: false, problem });
  });

  it("refuses every character outside the alphabet", () => {
    fc.assert(
      fc.property(code, fc.nat({ max: 7 }), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), (value, position, character) => {
        fc.pre(!RP1_ALPHABET.includes(character) && !/[\s\-\u0085\u00AD\u200B-\u200D\u2060\u2010-\u2015\u2212]/.test(character));
        const input = value.slice(0, position) + character + value.slice(position + 1);
        expect(normalizeCodeInput(input)).toEqual({ ok: false, problem: "character" });
      }),
    );
  });
});

describe("isCode and codesEqual", () => {
  it("isCode accepts exactly 8 alphabet characters", () => {
    expect(isCode("jAb6LFtn")).toBe(true);
    expect(isCode("jAb6-LFtn")).toBe(false);
    expect(isCode("jAb6LFt")).toBe(false);
    expect(isCode("jAb6LFtn\n")).toBe(false);
  });

  it("codesEqual is exact and case-sensitive", () => {
    expect(codesEqual("jAb6LFtn", "jAb6LFtn")).toBe(true);
    expect(codesEqual("jAb6LFtn", "JAb6LFtn")).toBe(false);
    expect(codesEqual("jAb6LFtn", "jAb6LFt")).toBe(false);
    expect(codesEqual("", "")).toBe(true);
    fc.assert(
      fc.property(code, code, (a, b) => {
        expect(codesEqual(a, b)).toBe(a === b);
      }),
    );
  });
});

// ── Distribution ──
// Codes must look uniformly random over the alphabet and collide no more than 40-bit random
// values do. Deterministic: inputs come from SHA-256 in counter mode over a fixed seed.
const CHALLENGES = 100_000;
const SERIALS = 200;
// χ² critical value for 31 degrees of freedom at p = 0.001 / 9 (Bonferroni over the 8 positions
// plus the pooled test), from scipy.stats.chi2.isf(0.001 / 9, 31).
const CHI_SQUARE_CRITICAL = 68.753;
// Expected colliding pairs among 1e5 random 40-bit values: n² / 2 / 2^40 ≈ 0.0045.
const MAX_COLLIDING_PAIRS = 2;

const H = (key: Uint8Array, label: string, msg: string) => createHmac("sha256", key).update(`${label}\0${msg}`, "utf8").digest();

function chiSquare(counts: readonly number[], total: number): number {
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}

describe("code distribution over 100,000 challenges", () => {
  it("is uniform per position and pooled, with no more collisions than chance", () => {
    const masterKey = Buffer.from("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hex");
    const devices = Array.from({ length: SERIALS }, (_, index) => {
      const serial = `DIST-${String(index).padStart(6, "0")}`;
      return { serial, key: H(masterKey, "RP1-device", serial) };
    });
    const perPosition = Array.from({ length: 8 }, () => new Array<number>(32).fill(0));
    const pooled = new Array<number>(32).fill(0);
    const codes = new Map<string, number>();
    const canonicals = new Set<string>();
    const seed = Buffer.from("rp1-code-distribution-seed-1");

    for (let index = 0; index < CHALLENGES; index++) {
      const random = createHash("sha256").update(seed).update(String(index)).digest();
      const device = devices[index % SERIALS];
      if (!device) throw new Error("unreachable");
      const nonce = random.subarray(0, 12).toString("base64url");
      const time = random.readUInt32BE(12);
      const e = random.subarray(16, 32).toString("base64url");
      const canonical = `RP1|${device.serial}|NVR-8|001122334455|1.0|1|${time}|${nonce}|${e}`;
      canonicals.add(canonical);
      const code = encodeCode(H(device.key, "RP1-code", canonical));
      codes.set(code, (codes.get(code) ?? 0) + 1);
      for (let position = 0; position < 8; position++) {
        const value = RP1_ALPHABET.indexOf(code[position] ?? "");
        perPosition[position]![value]!++;
        pooled[value]!++;
      }
    }

    expect(canonicals.size).toBe(CHALLENGES);
    for (const counts of perPosition) expect(chiSquare(counts, CHALLENGES)).toBeLessThan(CHI_SQUARE_CRITICAL);
    expect(chiSquare(pooled, CHALLENGES * 8)).toBeLessThan(CHI_SQUARE_CRITICAL);
    let collidingPairs = 0;
    for (const count of codes.values()) collidingPairs += (count * (count - 1)) / 2;
    expect(collidingPairs).toBeLessThanOrEqual(MAX_COLLIDING_PAIRS);
  }, 60_000);

  it("would notice a small bias (the threshold is not vacuous)", () => {
    // 800,000 symbols with one character 5 % too frequent, as a mapping bug would produce.
    const counts = new Array<number>(32).fill(25_000);
    counts[0] = 26_250;
    counts[1] = 23_750;
    expect(chiSquare(counts, 800_000)).toBeGreaterThan(CHI_SQUARE_CRITICAL);
  });
});
