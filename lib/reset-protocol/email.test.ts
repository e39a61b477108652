import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMAIL_TRIMMED_CODE_POINTS, normalizeEmail } from "./challenge";
import { emailHash, verifyEmail } from "./email";
import { deriveDeviceKey } from "./keys";

const deviceKey = deriveDeviceKey({
  masterKey: Buffer.from("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hex"),
  serial: "2MN8X-2411-000123",
});

describe("normalizeEmail = lower(trim(email))", () => {
  it("trims exactly the code points String.prototype.trim trims on this engine", () => {
    const trimmedByEngine: number[] = [];
    for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
      if (String.fromCharCode(codePoint).trim() === "") trimmedByEngine.push(codePoint);
    }
    expect(EMAIL_TRIMMED_CODE_POINTS).toEqual(trimmedByEngine);
    expect(EMAIL_TRIMMED_CODE_POINTS).toHaveLength(25);
  });

  it("agrees with trim().toLowerCase() on arbitrary strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.emailAddress().map((email) => ` \t${email.toUpperCase()}\u00A0\n`),
        ),
        (email) => {
          expect(normalizeEmail(email)).toBe(email.trim().toLowerCase());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["Owner@Example.com", "owner@example.com"],
    ["  kim.lee+cams@mail.example.org ", "kim.lee+cams@mail.example.org"],
    ["\t\r\nA@B.CO\u3000\uFEFF", "a@b.co"],
    [" in side@example.com ", "in side@example.com"],
    ["J\u00DCRGEN@EXAMPLE.DE", "j\u00FCrgen@example.de"],
    ["\u039F\u0394\u03A5\u03A3\u03A3\u0395\u03A5\u03A3@example.gr", "\u03BF\u03B4\u03C5\u03C3\u03C3\u03B5\u03C5\u03C2@example.gr"],
    ["\u0130NFO@example.tr", "i\u0307nfo@example.tr"],
    ["\u200Bowner@example.com", "\u200Bowner@example.com"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it("does not normalize Unicode forms (NFC and NFD hash differently)", () => {
    const composed = "m\u00FCller@example.de";
    const decomposed = "mu\u0308ller@example.de";
    expect(emailHash({ deviceKey, email: composed })).not.toBe(emailHash({ deviceKey, email: decomposed }));
  });

  it("is linear on long runs of inner white space", () => {
    const email = `a${" ".repeat(200_000)}b`;
    const started = performance.now();
    expect(normalizeEmail(email)).toBe(email);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("emailHash and verifyEmail", () => {
  const e = "q-GFqW-4GHu1_Ysmh-PKMA";

  it("match the first normative vector", () => {
    expect(emailHash({ deviceKey, email: "Owner@Example.com" })).toBe(e);
  });

  it.each(["Owner@Example.com", "owner@example.com", "  OWNER@EXAMPLE.COM\n", "\u00A0owner@example.com"])("accept %j", (email) => {
    expect(verifyEmail({ deviceKey, e, email })).toBe(true);
  });

  it.each(["owner@example.co", "owner@example.com.", "own er@example.com", "other@example.com", "", "owner@examp1e.com"])("refuse %j", (email) => {
    expect(verifyEmail({ deviceKey, e, email })).toBe(false);
  });

  it("refuse a malformed e without throwing", () => {
    expect(verifyEmail({ deviceKey, e: "short", email: "owner@example.com" })).toBe(false);
    expect(verifyEmail({ deviceKey, e: `${e}A`, email: "owner@example.com" })).toBe(false);
  });

  it("depend on the device key", () => {
    const other = deriveDeviceKey({ masterKey: Buffer.alloc(32, 7), serial: "2MN8X-2411-000123" });
    expect(verifyEmail({ deviceKey: other, e, email: "owner@example.com" })).toBe(false);
  });

  it("refuse a key that is not 32 bytes", () => {
    expect(() => emailHash({ deviceKey: Buffer.alloc(31), email: "a@b.co" })).toThrow(RangeError);
  });
});
