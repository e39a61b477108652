// Public API of the RP1 library: everything outside lib/reset-protocol imports from here
// ("@/lib/reset-protocol"), or from "./client" in client components, because this module pulls
// in node:crypto. ESLint refuses deep imports into the folder.
//
// The modules: challenge (fields, formats, canonical string, URL, parse error, description),
// parse (pasted text → challenge), code (alphabet, validity, display, typed input), password
// (the recorder's new-password rule) — all browser-safe; keys (H, master keys, device key),
// email (normalisation, hash `e`, check), signing (tag, code, new challenge), scheme (the
// ResetScheme the ticket workflow uses), vectors — server-only.
export * from "./client";
export { emailHash, verifyEmail } from "./email";
export type { EmailHashOptions, VerifyEmailOptions } from "./email";
export { constantTimeEqual, deriveDeviceKey, hmacLabel, KeyConfigError, parseMasterKeys, RP1_KEY_BYTES, RP1_LABELS, RP1_TRUNCATED_HMAC_BYTES } from "./keys";
export type { DeriveDeviceKeyOptions, KeyConfigErrorCode, MasterKeyRing, MasterKeys } from "./keys";
export { rp1Scheme } from "./scheme";
export { NORMATIVE_MASTER_KEYS } from "./vectors";
export type {
  ChallengeSummary,
  ChallengeWithKeys,
  DeriveCodeResult,
  EmailCheckResult,
  ResetScheme,
  SchemeFieldDescription,
  SchemeParseResult,
  VerifyFailure,
  VerifyResult,
} from "./scheme";
export { codesEqual, computeTag, createChallenge, deriveCode, verifyTag } from "./signing";
export type { ComputeTagOptions, CreateChallengeOptions, CreatedChallenge, DeriveCodeOptions, VerifyTagOptions } from "./signing";
