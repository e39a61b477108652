import { describe, expect, it } from "vitest";
import { sealState, unsealState } from "./sealed-state";

const SECRET = "unit-test-secret-unit-test-secret-0123";
const NOW = 1_763_726_400_000;
const TTL = 60_000;
const payload = { state: { screen: "retrieve", adminPassword: "hunter2-secret", challenge: { url: "https://reset.example.com/rp1?s=X" } } };

const seal = (overrides: Partial<Parameters<typeof sealState>[0]> = {}) =>
  sealState({ secret: SECRET, context: "user-1", payload, now: NOW, ttlMs: TTL, ...overrides });
const open = (sealed: string | undefined, overrides: Partial<Parameters<typeof unsealState>[0]> = {}) =>
  unsealState<typeof payload>({ secret: SECRET, context: "user-1", sealed, now: NOW + 1, ...overrides });

/** Flips one bit of the decoded body at `index` and re-encodes it. */
function flipBit(sealed: string, index: number): string {
  const body = Buffer.from(sealed.slice(3), "base64url");
  const at = (index + body.length) % body.length;
  body[at] = (body[at] ?? 0) ^ 0x01;
  return `v1.${body.toString("base64url")}`;
}

describe("sealState / unsealState", () => {
  it("round-trips the payload", () => {
    expect(open(seal())).toEqual(payload);
  });

  it("hides the content: neither the password nor the URL is readable in the cookie", () => {
    const sealed = seal();
    expect(sealed.startsWith("v1.")).toBe(true);
    const bytes = Buffer.from(sealed.slice(3), "base64url").toString("latin1");
    for (const secret of ["hunter2", "reset.example.com", "adminPassword", "retrieve"]) {
      expect(sealed).not.toContain(secret);
      expect(bytes).not.toContain(secret);
    }
  });

  it("uses a fresh IV every time (the same state seals differently)", () => {
    expect(seal()).not.toBe(seal());
  });

  it.each([
    ["the IV", 0],
    ["the IV's last byte", 11],
    ["the ciphertext", 12],
    ["the middle", 40],
    ["the auth tag", -1],
    ["the auth tag's first byte", -16],
  ])("rejects a flipped bit in %s", (_where, index) => {
    expect(open(flipBit(seal(), index))).toBeNull();
  });

  it("rejects truncation, extension and splicing", () => {
    const sealed = seal();
    expect(open(sealed.slice(0, -4))).toBeNull();
    expect(open(`${sealed}AAAA`)).toBeNull();
    const other = seal({ payload: { state: { screen: "login", adminPassword: "x", challenge: { url: "" } } } });
    expect(open(sealed.slice(0, 20) + other.slice(20))).toBeNull();
  });

  it("rejects a cookie sealed for another user (context is bound as additional data)", () => {
    expect(open(seal({ context: "user-2" }))).toBeNull();
  });

  it("rejects a cookie sealed under another secret", () => {
    expect(open(seal({ secret: "another-secret-another-secret-0123" }))).toBeNull();
  });

  it("rejects an expired cookie", () => {
    const sealed = seal();
    expect(open(sealed, { now: NOW + TTL - 1 })).toEqual(payload);
    expect(open(sealed, { now: NOW + TTL })).toBeNull();
  });

  it.each([undefined, "", "v1.", "v2.AAAA", "v1.!!!!", "v1.AAAA.BBBB", "garbage", `v1.${"A".repeat(20)}`])("rejects malformed input %j", (sealed) => {
    expect(open(sealed)).toBeNull();
  });

  it("refuses to work without a real secret (a configuration error, not a bad cookie)", () => {
    expect(() => seal({ secret: "" })).toThrow(/secret/);
    expect(() => open(seal(), { secret: "short" })).toThrow(/secret/);
  });
});
