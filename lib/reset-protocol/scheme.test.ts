import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ChallengeParseError } from "./challenge";
import { parseMasterKeys } from "./keys";
import { parseChallenge } from "./parse";
import { rp1Scheme } from "./scheme";

const KEYS = parseMasterKeys(
  "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,2:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
);
const URL_1 =
  "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g";
const DEVICE_KEY_1 = "173d9fb18fbbb7a73657df619dcbb4dc1bbb37ccca1bb34944c2ecbbad179b6f";
const challenge = parseChallenge(URL_1);

describe("rp1Scheme", () => {
  it("is the RP1 scheme", () => {
    expect(rp1Scheme.id).toBe("RP1");
  });

  it("parse returns a result instead of throwing", () => {
    expect(rp1Scheme.parse(URL_1)).toEqual({ ok: true, challenge });
    const failed = rp1Scheme.parse("not a challenge");
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error).toBeInstanceOf(ChallengeParseError);
  });

  it("verify gives the device key, hidden from JSON and inspection", () => {
    const result = rp1Scheme.verify({ challenge, keys: KEYS });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.keyVersion).toBe(1);
    expect(result.deviceKey.toString("hex")).toBe(DEVICE_KEY_1);
    expect(JSON.stringify(result)).toBe('{"ok":true,"keyVersion":1}');
    expect(inspect(result)).not.toMatch(/Buffer|17 3d/);
    expect({ ...result }).not.toHaveProperty("deviceKey");
  });

  it("deriveCode gives the code, hidden from JSON and inspection", () => {
    const result = rp1Scheme.deriveCode({ challenge, keys: KEYS });
    expect(result.ok && result.code).toBe("jAb6LFtn");
    expect(JSON.stringify(result)).toBe('{"ok":true}');
    expect(inspect(result)).not.toContain("jAb6LFtn");
  });

  it("refuses an unknown key version before anything else", () => {
    const onlyTwo = parseMasterKeys("2:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
    expect(rp1Scheme.verify({ challenge, keys: onlyTwo })).toEqual({ ok: false, reason: "unknown-key-version" });
    expect(rp1Scheme.deriveCode({ challenge, keys: onlyTwo })).toEqual({ ok: false, reason: "unknown-key-version" });
    expect(rp1Scheme.verifyEmail({ challenge, keys: onlyTwo, email: "owner@example.com" })).toEqual({ ok: false, reason: "unknown-key-version" });
  });

  it("refuses a bad tag: no code, no email check", () => {
    const forged = parseChallenge(URL_1.replace("g=klyoQ4aHwonZh-hv97123g", "g=klyoQ4aHwonZh-hv97123w"));
    expect(rp1Scheme.verify({ challenge: forged, keys: KEYS })).toEqual({ ok: false, reason: "bad-tag" });
    expect(rp1Scheme.deriveCode({ challenge: forged, keys: KEYS })).toEqual({ ok: false, reason: "bad-tag" });
    expect(rp1Scheme.verifyEmail({ challenge: forged, keys: KEYS, email: "owner@example.com" })).toEqual({ ok: false, reason: "bad-tag" });
  });

  it("takes the key version from the signed field, not from the parsed number beside it", () => {
    const tampered = { ...challenge, keyVersion: 2 };
    expect(rp1Scheme.verify({ challenge: tampered, keys: KEYS })).toMatchObject({ ok: true, keyVersion: 1 });
  });

  it("recomputes the canonical string instead of trusting the one in the object", () => {
    const tampered = { ...challenge, fields: { ...challenge.fields, t: "1763726401" } };
    expect(rp1Scheme.verify({ challenge: tampered, keys: KEYS })).toEqual({ ok: false, reason: "bad-tag" });
  });

  it("a key with another version or serial does not verify", () => {
    const swappedKeys = parseMasterKeys(
      "1:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f,2:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
    );
    expect(rp1Scheme.verify({ challenge, keys: swappedKeys })).toEqual({ ok: false, reason: "bad-tag" });
  });

  it("verifyEmail checks the claimed address against e", () => {
    expect(rp1Scheme.verifyEmail({ challenge, keys: KEYS, email: " OWNER@example.com " })).toEqual({ ok: true, matches: true });
    expect(rp1Scheme.verifyEmail({ challenge, keys: KEYS, email: "someone@else.com" })).toEqual({ ok: true, matches: false });
  });

  it("does not wear out the configured master key (get() copies are wiped, not the source)", () => {
    for (let round = 0; round < 3; round++) expect(rp1Scheme.deriveCode({ challenge, keys: KEYS }).ok).toBe(true);
  });

  it("describe gives the fields in plain words", () => {
    expect(rp1Scheme.describe(challenge)).toEqual([
      { field: "s", label: "Serial number", value: "2MN8X-2411-000123" },
      { field: "p", label: "Model", value: "2MN-8016" },
      { field: "m", label: "MAC address", value: "A1:B2:C3:D4:E5:F6" },
      { field: "f", label: "Firmware", value: "4.1.7" },
      { field: "v", label: "Key version", value: "1" },
      { field: "t", label: "Recorder time", value: "2025-11-21T12:00:00Z" },
    ]);
    const extremes = parseChallenge(URL_1.replace("t=1763726400", "t=4294967295"));
    expect(rp1Scheme.describe(extremes).at(-1)?.value).toBe("2106-02-07T06:28:15Z");
    expect(rp1Scheme.describe(parseChallenge(URL_1.replace("t=1763726400", "t=0"))).at(-1)?.value).toBe("1970-01-01T00:00:00Z");
  });

  it("serialize gives the bare query, which parses back to the same challenge", () => {
    const text = rp1Scheme.serialize(challenge);
    expect(text).toBe(URL_1.slice(URL_1.indexOf("?") + 1));
    const again = rp1Scheme.parse(text);
    expect(again.ok && again.challenge).toEqual(challenge);
  });

  it("summarize gives what the workflow stores", () => {
    expect(rp1Scheme.summarize(challenge)).toEqual({
      serial: "2MN8X-2411-000123",
      model: "2MN-8016",
      nonce: "ZGVmZ2hpamtsbW5v",
      keyVersion: 1,
      recorderTime: new Date("2025-11-21T12:00:00Z"),
    });
  });

  it("codeValidUntil is 24 hours after the recorder time t", () => {
    expect(rp1Scheme.codeValidUntil(challenge)).toEqual(new Date("2025-11-22T12:00:00Z"));
  });

  it("formatCode shows XXXX-XXXX and refuses anything but a code", () => {
    expect(rp1Scheme.formatCode("jAb6LFtn")).toBe("jAb6-LFtn");
    expect(() => rp1Scheme.formatCode("jAb6LFt")).toThrow(RangeError);
  });
});
