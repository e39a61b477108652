import { describe, expect, it } from "vitest";
import { buildChallengeUrl, canonicalString, ChallengeParseError } from "./challenge";
import { deriveDeviceKey, hmacLabel } from "./keys";
import { parseChallenge } from "./parse";
import { createChallenge, deriveCode, verifyTag, type CreateChallengeOptions } from "./signing";
import { createHmac } from "node:crypto";

const masterKey = Buffer.from("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "hex");
const deviceKey = deriveDeviceKey({ masterKey, serial: "2MN8X-2411-000123" });
const VECTOR_1: CreateChallengeOptions = {
  deviceKey,
  serial: "2MN8X-2411-000123",
  model: "2MN-8016",
  mac: "A1B2C3D4E5F6",
  firmware: "4.1.7",
  keyVersion: 1,
  time: 1763726400,
  nonceBytes: Buffer.from("defghijklmno"),
  reservedEmail: "Owner@Example.com",
  host: "reset.example.com",
};

describe("hmacLabel", () => {
  it("is HMAC-SHA256 over label, one zero byte, then UTF-8 message", () => {
    const expected = createHmac("sha256", masterKey).update(Buffer.from("RP1-x\0ü", "utf8")).digest();
    expect(hmacLabel(masterKey, "RP1-x", "ü").equals(expected)).toBe(true);
    expect(hmacLabel(masterKey, "RP1-x", "")).toHaveLength(32);
  });

  it("separates label and message", () => {
    expect(hmacLabel(masterKey, "RP1-a", "b").equals(hmacLabel(masterKey, "RP1-", "ab"))).toBe(false);
  });

  it.each(["", "RP1\0x", "RP1-ü"])("refuses label %j", (label) => {
    expect(() => hmacLabel(masterKey, label, "x")).toThrow(RangeError);
  });
});

describe("deriveDeviceKey", () => {
  it("derives the normative device key", () => {
    expect(deviceKey.toString("hex")).toBe("173d9fb18fbbb7a73657df619dcbb4dc1bbb37ccca1bb34944c2ecbbad179b6f");
  });

  it("refuses a master key that is not 32 bytes, without echoing it", () => {
    for (const bad of [Buffer.alloc(31, 0xab), Buffer.alloc(33, 0xab), "00".repeat(32) as unknown as Uint8Array]) {
      expect(() => deriveDeviceKey({ masterKey: bad, serial: "ABCDEF" })).toThrow(/masterKey must be 32 bytes$/);
    }
  });

  it("refuses a serial outside the format", () => {
    expect(() => deriveDeviceKey({ masterKey, serial: "abcdef" })).toThrow(ChallengeParseError);
  });
});

describe("createChallenge", () => {
  it("reproduces the first normative vector", () => {
    const created = createChallenge(VECTOR_1);
    expect(created.url).toBe(
      "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g",
    );
    expect(deriveCode({ deviceKey, fields: created.fields })).toBe("jAb6LFtn");
    expect(verifyTag({ deviceKey, challenge: parseChallenge(created.url) })).toBe(true);
  });

  it.each([
    ["serial", { serial: "abc" }, "s"],
    ["model", { model: "" }, "p"],
    ["mac", { mac: "a1:b2:c3:d4:e5:f6" }, "m"],
    ["firmware", { firmware: "4.1.7 beta" }, "f"],
    ["key version 0", { keyVersion: 0 }, "v"],
    ["key version 256", { keyVersion: 256 }, "v"],
    ["key version 1.5", { keyVersion: 1.5 }, "v"],
    ["negative time", { time: -1 }, "t"],
    ["time past 2^32-1", { time: 4294967296 }, "t"],
    ["fractional time", { time: 1.5 }, "t"],
    ["NaN time", { time: Number.NaN }, "t"],
  ] as const)("refuses a bad %s, naming the field", (_name, change, field) => {
    try {
      createChallenge({ ...VECTOR_1, ...change });
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(ChallengeParseError);
      expect((error as ChallengeParseError).field).toBe(field);
    }
  });

  it("refuses a nonce that is not 12 bytes and a bad device key", () => {
    expect(() => createChallenge({ ...VECTOR_1, nonceBytes: new Uint8Array(11) })).toThrow(/nonceBytes must be 12 bytes/);
    expect(() => createChallenge({ ...VECTOR_1, nonceBytes: new Uint8Array(13) })).toThrow(RangeError);
    expect(() => createChallenge({ ...VECTOR_1, deviceKey: new Uint8Array(16) })).toThrow(/deviceKey must be 32 bytes/);
  });

  it.each(["", "https://reset.example.com", "reset.example.com/rp1", "user@host", "-bad.example.com", "a b", "host:123456"])("refuses host %j", (host) => {
    expect(() => createChallenge({ ...VECTOR_1, host })).toThrow(RangeError);
  });

  it.each(["localhost:3000", "127.0.0.1", "RESET.example.com", "reset-1.example.co.uk:8443"])("accepts host %j", (host) => {
    expect(createChallenge({ ...VECTOR_1, host }).url.startsWith(`https://${host}/rp1?s=`)).toBe(true);
  });
});

describe("canonicalString and buildChallengeUrl", () => {
  const fields = createChallenge(VECTOR_1).fields;

  it("refuse values that would make the concatenation ambiguous", () => {
    expect(() => canonicalString({ ...fields, p: "2MN|8016" })).toThrow(ChallengeParseError);
    expect(() => canonicalString({ ...fields, f: "" })).toThrow(ChallengeParseError);
  });

  it("buildChallengeUrl refuses a bad tag", () => {
    expect(() => buildChallengeUrl({ host: "reset.example.com", fields, tag: "short" })).toThrow(ChallengeParseError);
  });
});
