// Inputs of the project's own RP1 test vectors (outputs are computed by buildVectors). Each one
// pins an edge a second implementation could get wrong; the note says which.

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
