// RP1 test vectors: the three normative vectors of docs/protocol.md verbatim, the inputs of the
// project's own vectors, and how rp1-vectors.json is computed and written (generate-vectors.ts
// writes it; the tests check the committed file is exactly what buildVectors produces).
// Server-side only.
import { createChallenge, deriveCode } from "./signing";
import { RP1_ALPHABET } from "./code";
import { normalizeEmail, type Rp1Fields } from "./challenge";
import { deriveDeviceKey } from "./keys";

// ── Normative vectors ───────────────────────────────────────────────────────────────────────
// An implementation that disagrees with any of them is wrong; the generator refuses to write a
// vector file that does.

export interface Rp1Vector {
  readonly note?: string;
  readonly reservedEmail: string;
  readonly normalizedEmail?: string;
  readonly fields: Rp1Fields;
  readonly deviceKey: string;
  readonly canonical: string;
  readonly tag: string;
  readonly url: string;
  readonly code: string;
}

export const NORMATIVE_MASTER_KEYS = {
  "1": "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
  "2": "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
} as const;

export const NORMATIVE_VECTORS: readonly Rp1Vector[] = [
  {
    reservedEmail: "Owner@Example.com",
    fields: {
      s: "2MN8X-2411-000123",
      p: "2MN-8016",
      m: "A1B2C3D4E5F6",
      f: "4.1.7",
      v: "1",
      t: "1763726400",
      n: "ZGVmZ2hpamtsbW5v",
      e: "q-GFqW-4GHu1_Ysmh-PKMA",
    },
    deviceKey: "173d9fb18fbbb7a73657df619dcbb4dc1bbb37ccca1bb34944c2ecbbad179b6f",
    canonical: "RP1|2MN8X-2411-000123|2MN-8016|A1B2C3D4E5F6|4.1.7|1|1763726400|ZGVmZ2hpamtsbW5v|q-GFqW-4GHu1_Ysmh-PKMA",
    tag: "klyoQ4aHwonZh-hv97123g",
    url: "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g",
    code: "jAb6LFtn",
  },
  {
    reservedEmail: "  kim.lee+cams@mail.example.org ",
    fields: {
      s: "HS9NVR0000042",
      p: "HS-N9",
      m: "001122AABBCC",
      f: "V2.0.3_b7",
      v: "2",
      t: "1800000000",
      n: "________________",
      e: "Sv72v5m7R5WsMxv7UYTd4Q",
    },
    deviceKey: "a98b694b9d72cd9537e24d43a300e3c6bfed03d1be5b598af7f7f2651e9dc079",
    canonical: "RP1|HS9NVR0000042|HS-N9|001122AABBCC|V2.0.3_b7|2|1800000000|________________|Sv72v5m7R5WsMxv7UYTd4Q",
    tag: "hq4RIEdTPb5_Yv4E_3UpNw",
    url: "https://reset.example.com/rp1?s=HS9NVR0000042&p=HS-N9&m=001122AABBCC&f=V2.0.3_b7&v=2&t=1800000000&n=________________&e=Sv72v5m7R5WsMxv7UYTd4Q&g=hq4RIEdTPb5_Yv4E_3UpNw",
    code: "7AFhANE5",
  },
  {
    reservedEmail: "a@b.co",
    fields: {
      s: "NO-DVR-77",
      p: "NO4K",
      m: "FFFFFFFFFFFF",
      f: "1",
      v: "1",
      t: "0",
      n: "AAAAAAAAAAAAAAAA",
      e: "j-dUB79wy4I9zll53V3qjg",
    },
    deviceKey: "aed34b3e10be199e0e6c40ad5928a36c8675b69f9a484812dfa71bee75aaf01b",
    canonical: "RP1|NO-DVR-77|NO4K|FFFFFFFFFFFF|1|1|0|AAAAAAAAAAAAAAAA|j-dUB79wy4I9zll53V3qjg",
    tag: "EMGI57eRMuGaDyeg77oTaQ",
    url: "https://reset.example.com/rp1?s=NO-DVR-77&p=NO4K&m=FFFFFFFFFFFF&f=1&v=1&t=0&n=AAAAAAAAAAAAAAAA&e=j-dUB79wy4I9zll53V3qjg&g=EMGI57eRMuGaDyeg77oTaQ",
    code: "85je25Dn",
  },
];

// ── The project's vectors ────────────────────────────────────────────────────────────────────
// Inputs only (outputs are computed by buildVectors). Each one pins an edge a second
// implementation could get wrong; the note says which.

export interface VectorSpec {
  readonly note: string;
  readonly keyVersion: number;
  readonly serial: string;
  readonly model: string;
  readonly mac: string;
  readonly firmware: string;
  readonly time: number;
  /** The nonce as it appears in the URL (16 base64url characters = 12 bytes). */
  readonly nonce: string;
  readonly reservedEmail: string;
}

/** Version 255 is bytes 0xff, 0xfe, ... 0xe0 (descending), so the top version is exercised too. */
export const EXTRA_MASTER_KEYS = {
  "255": Array.from({ length: 32 }, (_, index) => (0xff - index).toString(16).padStart(2, "0")).join(""),
} as const;

export const RESET_HOST = "reset.example.com";

const LONG_LOCAL = "Very.Long.Local-Part.With+Tag".repeat(3).slice(0, 64);
const LONG_DOMAIN = `${"a".repeat(63)}.${"B".repeat(63)}.${"c".repeat(57)}.com`;
/** 254 characters: the longest address SMTP allows (64 local + "@" + 189 domain). */
const LONGEST_EMAIL = `${LONG_LOCAL}@${LONG_DOMAIN}`;

const base = {
  keyVersion: 1,
  serial: "RP1TEST-000001",
  model: "NVR-8CH",
  mac: "3C1A2B4D5E6F",
  firmware: "5.2.0",
  time: 1767225600,
  nonce: "MDEyMzQ1Njc4OWFi",
  reservedEmail: "owner@example.com",
} as const;

export const NORMATIVE_SPECS: readonly VectorSpec[] = [
  {
    note: "normative: PROTOCOL.md vector 1",
    keyVersion: 1,
    serial: "2MN8X-2411-000123",
    model: "2MN-8016",
    mac: "A1B2C3D4E5F6",
    firmware: "4.1.7",
    time: 1763726400,
    nonce: "ZGVmZ2hpamtsbW5v",
    reservedEmail: "Owner@Example.com",
  },
  {
    note: "normative: PROTOCOL.md vector 2",
    keyVersion: 2,
    serial: "HS9NVR0000042",
    model: "HS-N9",
    mac: "001122AABBCC",
    firmware: "V2.0.3_b7",
    time: 1800000000,
    nonce: "________________",
    reservedEmail: "  kim.lee+cams@mail.example.org ",
  },
  {
    note: "normative: PROTOCOL.md vector 3",
    keyVersion: 1,
    serial: "NO-DVR-77",
    model: "NO4K",
    mac: "FFFFFFFFFFFF",
    firmware: "1",
    time: 0,
    nonce: "AAAAAAAAAAAAAAAA",
    reservedEmail: "a@b.co",
  },
];

export const PROJECT_SPECS: readonly VectorSpec[] = [
  { ...base, note: "shortest serial (6), model (1) and firmware (1)", serial: "A1B2C3", model: "X", firmware: "0" },
  {
    ...base,
    note: "longest serial (32), model (24) and firmware (24)",
    keyVersion: 2,
    serial: "ABCDEFGHIJKLMNOPQRSTUVWXYZ-01234",
    model: "DS-7616NXI-K2-16P-abcdef",
    firmware: "V5.7.21_build-250101.rc9",
  },
  { ...base, note: "t = 0 with key version 2", keyVersion: 2, time: 0 },
  { ...base, note: "t = 4294967295, the largest recorder time", time: 4294967295 },
  { ...base, note: "t = 2147483648, one second past the signed 32-bit limit (2038)", time: 2147483648 },
  { ...base, note: "key version 255 (master key bytes 0xff down to 0xe0)", keyVersion: 255 },
  {
    ...base,
    note: "key version 255 with longest fields and largest t",
    keyVersion: 255,
    serial: "Z9-Z9-Z9-Z9-Z9-Z9-Z9-Z9-Z9-Z9-Z9",
    model: "zzzzzzzzzzzzzzzzzzzzzzzz",
    firmware: "_.-_.-_.-_.-_.-_.-_.-_.-",
    time: 4294967295,
  },
  { ...base, note: "email all upper case: lower() before hashing", reservedEmail: "OWNER@EXAMPLE.COM" },
  { ...base, note: "email with tab, CR, LF and spaces around it: all trimmed", reservedEmail: "\t\r\n  Owner@Example.com \n\t" },
  { ...base, note: "email with NBSP before and ideographic space (U+3000) after: both trimmed", reservedEmail: "\u00A0owner@example.com\u3000" },
  { ...base, note: "white space inside the address is kept (trim touches the ends only)", reservedEmail: " owner @example.com " },
  { ...base, note: "plus-addressing and sub-domains, mixed case", reservedEmail: "Kim.Lee+NVR-Reset@Mail.Example.Co.UK" },
  { ...base, note: "IDN domain hashed as Unicode, not punycode", reservedEmail: "Inhaber@B\u00FCcher.example" },
  { ...base, note: "umlauts in the local part, upper case (Ü → ü)", reservedEmail: "J\u00DCRGEN.M\u00DCLLER@Example.DE" },
  {
    ...base,
    note: "Greek capital sigma: final-sigma rule gives ς before @, σ inside",
    reservedEmail: "\u039F\u0394\u03A5\u03A3\u03A3\u0395\u03A5\u03A3@example.gr",
  },
  { ...base, note: "U+0130 (İ) lower-cases to two code points, i + U+0307 (full mapping)", reservedEmail: "\u0130NFO@example.com.tr" },
  { ...base, note: "longest SMTP address, 254 characters", reservedEmail: LONGEST_EMAIL },
  { ...base, note: "nonce all '-' (bytes fb ef be repeated)", nonce: "----------------" },
  { ...base, note: "nonce all '_' (bytes ff) with key version 2", keyVersion: 2, nonce: "________________" },
  { ...base, note: "nonce mixing both non-alphanumeric base64url characters", nonce: "-_-_AZaz09-_-_09" },
  { ...base, note: "MAC all zero", mac: "000000000000" },
  { ...base, note: "serial made of hyphens only (allowed by the format)", serial: "------" },
  { ...base, note: "firmware using every allowed punctuation", firmware: "v1.0_rc-2.build_77" },
  { ...base, note: "t = 1, smallest non-zero time; model lower case", time: 1, model: "nvr-4k-poe" },
];

// ── The file ─────────────────────────────────────────────────────────────────────────────────

export interface Rp1VectorFile {
  readonly alphabet: string;
  readonly masterKeys: Readonly<Record<string, string>>;
  readonly vectors: readonly Rp1Vector[];
}

const MASTER_KEYS: Readonly<Record<string, string>> = { ...NORMATIVE_MASTER_KEYS, ...EXTRA_MASTER_KEYS };

function buildVector(spec: VectorSpec): Rp1Vector {
  const masterHex = MASTER_KEYS[String(spec.keyVersion)];
  if (!masterHex) throw new Error(`no master key for version ${spec.keyVersion}`);
  const deviceKey = deriveDeviceKey({ masterKey: Buffer.from(masterHex, "hex"), serial: spec.serial });
  const nonceBytes = Buffer.from(spec.nonce, "base64url");
  const challenge = createChallenge({
    deviceKey,
    serial: spec.serial,
    model: spec.model,
    mac: spec.mac,
    firmware: spec.firmware,
    keyVersion: spec.keyVersion,
    time: spec.time,
    nonceBytes,
    reservedEmail: spec.reservedEmail,
    host: RESET_HOST,
  });
  if (challenge.fields.n !== spec.nonce) throw new Error(`${spec.note}: nonce does not round-trip`);
  return {
    note: spec.note,
    reservedEmail: spec.reservedEmail,
    normalizedEmail: normalizeEmail(spec.reservedEmail),
    fields: challenge.fields,
    deviceKey: deviceKey.toString("hex"),
    canonical: challenge.canonical,
    tag: challenge.tag,
    url: challenge.url,
    code: deriveCode({ deviceKey, fields: challenge.fields }),
  };
}

/** The vector file: normative vectors first (checked against docs/protocol.md), then the project's. */
export function buildVectors(): Rp1VectorFile {
  const normative = NORMATIVE_SPECS.map(buildVector);
  normative.forEach((vector, index) => {
    const expected = NORMATIVE_VECTORS[index];
    const { note: _note, normalizedEmail: _normalized, ...computed } = vector;
    if (JSON.stringify(computed) !== JSON.stringify(expected)) {
      throw new Error(`normative vector ${index + 1} disagrees with docs/protocol.md: the implementation is wrong`);
    }
  });
  return { alphabet: RP1_ALPHABET, masterKeys: MASTER_KEYS, vectors: [...normative, ...PROJECT_SPECS.map(buildVector)] };
}

// The file's exact text. Non-ASCII and invisible characters are written as \uXXXX escapes
// (valid JSON, same values) so that an NBSP or U+3000 in an email is visible to a reader.

export function serializeVectors(file: Rp1VectorFile): string {
  const json = JSON.stringify(file, null, 2).replace(/[^\x20-\x7e\n]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${json}\n`;
}
