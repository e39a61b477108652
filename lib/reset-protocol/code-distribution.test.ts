// Codes must look uniformly random over the alphabet and collide no more than 40-bit random
// values do. Deterministic: inputs come from SHA-256 in counter mode over a fixed seed.
import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RP1_ALPHABET } from "./constants";
import { encodeCode } from "./encode-code";

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
