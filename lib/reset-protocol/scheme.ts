// The seam for recorder families: the ticket workflow (lib/tickets, lib/outbox, lib/review and
// the ticket pages) talks to a ResetScheme, never to RP1 functions directly, so another family's
// format can be added beside RP1 without touching the workflow. Server-side only (verify and
// deriveCode need node:crypto); client components use ./client.
import { challengeQuery, ChallengeParseError, describeChallenge, type Rp1Challenge } from "./challenge";
import { codeValidUntil, formatCode } from "./code";
import { verifyEmail } from "./email";
import { deriveDeviceKey, type MasterKeyRing } from "./keys";
import { parseChallengeInText } from "./parse";
import { deriveCode, verifyTag } from "./signing";

/** Why a challenge cannot be trusted. */
export type VerifyFailure =
  /** The challenge names a key version the console has no master key for. */
  | "unknown-key-version"
  /** The tag does not match: forged, mistyped or altered. Never issue a code for it. */
  | "bad-tag";

export type SchemeParseResult<TChallenge> = { readonly ok: true; readonly challenge: TChallenge } | { readonly ok: false; readonly error: ChallengeParseError };

/** On success `deviceKey` is present but not enumerable: JSON and console.log do not show it. */
export type VerifyResult =
  { readonly ok: true; readonly keyVersion: number; readonly deviceKey: Buffer } | { readonly ok: false; readonly reason: VerifyFailure };

/** On success `code` is present but not enumerable, so logging the result does not leak it. */
export type DeriveCodeResult = { readonly ok: true; readonly code: string } | { readonly ok: false; readonly reason: VerifyFailure };

export type EmailCheckResult = { readonly ok: true; readonly matches: boolean } | { readonly ok: false; readonly reason: VerifyFailure };

export interface SchemeFieldDescription {
  readonly field: string;
  readonly label: string;
  readonly value: string;
}

/** What the workflow stores and shows of any challenge, whatever its scheme. */
export interface ChallengeSummary {
  readonly serial: string;
  readonly model: string;
  /** Unique per challenge of one device: (serial, nonce) identifies a challenge. */
  readonly nonce: string;
  readonly keyVersion: number;
  /** The recorder's own clock when it made the challenge. */
  readonly recorderTime: Date;
}

export interface ChallengeWithKeys<TChallenge> {
  readonly challenge: TChallenge;
  readonly keys: MasterKeyRing;
}

export interface ResetScheme<TChallenge, TId extends string = string> {
  readonly id: TId;
  /** Never throws: a parse failure comes back as a ChallengeParseError value. */
  parse(text: string): SchemeParseResult<TChallenge>;
  /** The challenge as text to store; parse() reads it back unchanged. */
  serialize(challenge: TChallenge): string;
  summarize(challenge: TChallenge): ChallengeSummary;
  /** Checks the tag; the first step for any challenge. */
  verify(options: ChallengeWithKeys<TChallenge>): VerifyResult;
  /** Verifies, then derives the code; a challenge with a bad tag never gets one. */
  deriveCode(options: ChallengeWithKeys<TChallenge>): DeriveCodeResult;
  /** Verifies, then checks a claimed email against the challenge. */
  verifyEmail(options: ChallengeWithKeys<TChallenge> & { readonly email: string }): EmailCheckResult;
  /** Plain-words fields for people. */
  describe(challenge: TChallenge): readonly SchemeFieldDescription[];
  /** When the recorder stops accepting the challenge's code, by the recorder's clock. */
  codeValidUntil(challenge: TChallenge): Date;
  /** The code as emails and screens show it. Throws RangeError (without the value) for a non-code. */
  formatCode(code: string): string;
}

function hidden<T extends object, K extends string, V>(target: T, key: K, value: V): T & Record<K, V> {
  return Object.defineProperty(target, key, { value, enumerable: false }) as T & Record<K, V>;
}

function verifyRp1({ challenge, keys }: ChallengeWithKeys<Rp1Challenge>): VerifyResult {
  // The version comes from the signed field itself, not from a number stored beside it.
  const keyVersion = Number(challenge.fields.v);
  const masterKey = keys.get(keyVersion);
  if (!masterKey) return { ok: false, reason: "unknown-key-version" };
  const deviceKey = deriveDeviceKey({ masterKey, serial: challenge.fields.s });
  // get() hands out a copy; wipe it so the master key does not linger in this buffer.
  masterKey.fill(0);
  if (!verifyTag({ deviceKey, challenge })) return { ok: false, reason: "bad-tag" };
  return hidden({ ok: true as const, keyVersion }, "deviceKey", deviceKey);
}

export const rp1Scheme: ResetScheme<Rp1Challenge, "RP1"> = {
  id: "RP1",
  // What a customer pasted may hold more than the link: the link is found in it (see parse.ts).
  parse(text) {
    try {
      return { ok: true, challenge: parseChallengeInText(text) };
    } catch (error) {
      if (error instanceof ChallengeParseError) return { ok: false, error };
      throw error;
    }
  },
  serialize: (challenge) => challengeQuery(challenge),
  summarize: ({ fields, keyVersion, time }) => ({ serial: fields.s, model: fields.p, nonce: fields.n, keyVersion, recorderTime: new Date(time * 1000) }),
  verify: verifyRp1,
  deriveCode(options) {
    const verified = verifyRp1(options);
    if (!verified.ok) return verified;
    const code = deriveCode({ deviceKey: verified.deviceKey, fields: options.challenge.fields });
    verified.deviceKey.fill(0);
    return hidden({ ok: true as const }, "code", code);
  },
  verifyEmail(options) {
    const verified = verifyRp1(options);
    if (!verified.ok) return verified;
    const matches = verifyEmail({ deviceKey: verified.deviceKey, e: options.challenge.fields.e, email: options.email });
    verified.deviceKey.fill(0);
    return { ok: true, matches };
  },
  describe: describeChallenge,
  codeValidUntil: (challenge) => codeValidUntil(challenge.time),
  formatCode,
};
