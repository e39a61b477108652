import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildChallengeUrl, canonicalString } from "./challenge";
import { formatCode } from "./code";
import { normalizeEmail } from "./challenge";
import { emailHash, verifyEmail } from "./email";
import { deriveDeviceKey, parseMasterKeys } from "./keys";
import { parseChallenge } from "./parse";
import { rp1Scheme } from "./scheme";
import { computeTag, deriveCode, verifyTag } from "./signing";
import { buildVectors, serializeVectors, type Rp1Vector } from "./vectors";
import { referenceCanonical, referenceCode, referenceDeviceKey, referenceEmailHash, referenceTag } from "./testing/rp1-reference";

interface VectorFile {
  alphabet: string;
  masterKeys: Record<string, string>;
  vectors: Rp1Vector[];
}

const fileText = readFileSync(new URL("./rp1-vectors.json", import.meta.url), "utf8");
const file = JSON.parse(fileText) as VectorFile;
const keys = parseMasterKeys(
  Object.entries(file.masterKeys)
    .map(([version, hex]) => `${version}:${hex}`)
    .join(","),
);

// The normative table of docs/protocol.md §8, typed in here by hand (not read from the vector file).
const NORMATIVE = [
  {
    code: "jAb6LFtn",
    deviceKey: "173d9fb18fbbb7a73657df619dcbb4dc1bbb37ccca1bb34944c2ecbbad179b6f",
    email: "Owner@Example.com",
    url: "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g",
  },
  {
    code: "7AFhANE5",
    deviceKey: "a98b694b9d72cd9537e24d43a300e3c6bfed03d1be5b598af7f7f2651e9dc079",
    email: "  kim.lee+cams@mail.example.org ",
    url: "https://reset.example.com/rp1?s=HS9NVR0000042&p=HS-N9&m=001122AABBCC&f=V2.0.3_b7&v=2&t=1800000000&n=________________&e=Sv72v5m7R5WsMxv7UYTd4Q&g=hq4RIEdTPb5_Yv4E_3UpNw",
  },
  {
    code: "85je25Dn",
    deviceKey: "aed34b3e10be199e0e6c40ad5928a36c8675b69f9a484812dfa71bee75aaf01b",
    email: "a@b.co",
    url: "https://reset.example.com/rp1?s=NO-DVR-77&p=NO4K&m=FFFFFFFFFFFF&f=1&v=1&t=0&n=AAAAAAAAAAAAAAAA&e=j-dUB79wy4I9zll53V3qjg&g=EMGI57eRMuGaDyeg77oTaQ",
  },
] as const;

/** What a mail client makes of a link: wrapped in <>, broken every 19 characters, quoted. */
function mangle(url: string): string {
  return `  \t<${url.replace(/(.{19})/g, "$1\r\n> ")}>  \n`;
}

describe("RP1 vector file", () => {
  it("is exactly what the generator produces (run generate-vectors.ts after changing specs)", () => {
    expect(fileText).toBe(serializeVectors(buildVectors()));
    expect(fileText).toMatch(/^[\x20-\x7e\n]*$/);
  });

  it("has the alphabet and the normative master keys of docs/protocol.md", () => {
    expect(file.alphabet).toBe("23456789ADEFGHJLMNQRTabdefhjmnrt");
    expect(file.masterKeys["1"]).toBe(Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString("hex"));
    expect(file.masterKeys["2"]).toBe(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i)).toString("hex"));
    expect(file.masterKeys["255"]).toBe(Buffer.from(Array.from({ length: 32 }, (_, i) => 0xff - i)).toString("hex"));
  });

  it.each(NORMATIVE.map((expected, index) => ({ ...expected, index })))("normative vector $index gives $code", (expected) => {
    const vector = file.vectors[expected.index];
    expect(vector?.code).toBe(expected.code);
    expect(vector?.deviceKey).toBe(expected.deviceKey);
    expect(vector?.reservedEmail).toBe(expected.email);
    expect(vector?.url).toBe(expected.url);
    // And straight from the URL, through the public scheme, with the keys of docs/protocol.md.
    const parsed = rp1Scheme.parse(expected.url);
    if (!parsed.ok) throw parsed.error;
    const derived = rp1Scheme.deriveCode({ challenge: parsed.challenge, keys });
    expect(derived.ok && derived.code).toBe(expected.code);
    const emailCheck = rp1Scheme.verifyEmail({ challenge: parsed.challenge, keys, email: expected.email });
    expect(emailCheck).toEqual({ ok: true, matches: true });
  });

  it("has at least 20 vectors of the project's own, each with a distinct note", () => {
    expect(file.vectors.length - NORMATIVE.length).toBeGreaterThanOrEqual(20);
    const notes = file.vectors.map((vector) => vector.note);
    expect(new Set(notes).size).toBe(notes.length);
  });

  it("covers the edges it promises", () => {
    const all = file.vectors;
    const lengths = (field: "s" | "p" | "f") => all.map((vector) => vector.fields[field].length);
    expect(lengths("s")).toEqual(expect.arrayContaining([6, 32]));
    expect(lengths("p")).toEqual(expect.arrayContaining([1, 24]));
    expect(lengths("f")).toEqual(expect.arrayContaining([1, 24]));
    const values = (field: "t" | "v" | "n" | "m") => all.map((vector) => vector.fields[field]);
    expect(values("t")).toEqual(expect.arrayContaining(["0", "4294967295"]));
    expect(values("v")).toEqual(expect.arrayContaining(["1", "2", "255"]));
    expect(values("n")).toEqual(expect.arrayContaining(["----------------", "________________"]));
    expect(values("m")).toContain("000000000000");
    expect(all.some((vector) => vector.reservedEmail.length >= 254)).toBe(true);
  });

  it("gives the same email hash for addresses that differ only in case and surrounding white space", () => {
    const sameDevice = file.vectors.filter((vector) => vector.normalizedEmail === "owner@example.com" && vector.fields.s === "RP1TEST-000001");
    const byKey = new Map<string, Set<string>>();
    for (const vector of sameDevice) {
      const set = byKey.get(vector.deviceKey) ?? new Set();
      set.add(vector.fields.e);
      byKey.set(vector.deviceKey, set);
    }
    expect(sameDevice.length).toBeGreaterThan(3);
    for (const hashes of byKey.values()) expect(hashes.size).toBe(1);
  });
});

describe.each(file.vectors.map((vector) => ({ ...vector, label: vector.note ?? vector.url })))("vector: $label", (vector) => {
  const masterHex = file.masterKeys[vector.fields.v] ?? "";
  const masterKey = Buffer.from(masterHex, "hex");
  const deviceKey = deriveDeviceKey({ masterKey, serial: vector.fields.s });

  it("device key matches the reference and the file", () => {
    expect(deviceKey.toString("hex")).toBe(vector.deviceKey);
    expect(referenceDeviceKey(masterHex, vector.fields.s).toString("hex")).toBe(vector.deviceKey);
  });

  it("email hash e comes from the reserved email", () => {
    expect(normalizeEmail(vector.reservedEmail)).toBe(vector.normalizedEmail ?? normalizeEmail(vector.reservedEmail));
    expect(emailHash({ deviceKey, email: vector.reservedEmail })).toBe(vector.fields.e);
    expect(referenceEmailHash(deviceKey, vector.reservedEmail)).toBe(vector.fields.e);
    expect(verifyEmail({ deviceKey, e: vector.fields.e, email: vector.reservedEmail })).toBe(true);
    expect(verifyEmail({ deviceKey, e: vector.fields.e, email: `x${vector.reservedEmail.trim()}` })).toBe(false);
  });

  it("canonical string, tag, URL and code match the reference and the file", () => {
    expect(canonicalString(vector.fields)).toBe(vector.canonical);
    expect(referenceCanonical(vector.fields)).toBe(vector.canonical);
    expect(computeTag({ deviceKey, fields: vector.fields })).toBe(vector.tag);
    expect(referenceTag(deviceKey, vector.canonical)).toBe(vector.tag);
    expect(buildChallengeUrl({ host: "reset.example.com", fields: vector.fields, tag: vector.tag })).toBe(vector.url);
    expect(deriveCode({ deviceKey, fields: vector.fields })).toBe(vector.code);
    expect(referenceCode(deviceKey, vector.canonical)).toBe(vector.code);
    expect(formatCode(vector.code)).toMatch(/^[^-]{4}-[^-]{4}$/);
  });

  it("parses back from its URL, bare query and a mail-mangled paste, and verifies", () => {
    const expected = { fields: vector.fields, tag: vector.tag, canonical: vector.canonical };
    const query = vector.url.slice(vector.url.indexOf("?"));
    for (const text of [vector.url, query, query.slice(1), mangle(vector.url), mangle(query)]) {
      const parsed = parseChallenge(text);
      expect(parsed).toMatchObject(expected);
      expect(parsed.keyVersion).toBe(Number(vector.fields.v));
      expect(parsed.time).toBe(Number(vector.fields.t));
      expect(verifyTag({ deviceKey, challenge: parsed })).toBe(true);
    }
  });
});
