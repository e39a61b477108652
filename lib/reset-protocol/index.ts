// Public API of the RP1 library. Server code imports from here; client components import from
// "./client" (or single browser-safe files), because this module pulls in node:crypto.
export * from "./client";
export * from "./constants";
export { codesEqual } from "./codes-equal";
export { computeTag } from "./compute-tag";
export { constantTimeEqual } from "./constant-time-equal";
export { createChallenge } from "./create-challenge";
export type { CreateChallengeOptions, CreatedChallenge } from "./create-challenge";
export { deriveCode } from "./derive-code";
export { deriveDeviceKey } from "./derive-device-key";
export { emailHash } from "./email-hash";
export { hmacLabel } from "./hmac-label";
export { KeyConfigError } from "./key-config-error";
export type { KeyConfigErrorCode } from "./key-config-error";
export { parseMasterKeys } from "./master-keys";
export type { MasterKeys } from "./master-keys";
export { rp1Scheme } from "./scheme";
export type {
  ChallengeWithKeys,
  DeriveCodeResult,
  EmailCheckResult,
  ResetScheme,
  SchemeFieldDescription,
  SchemeParseResult,
  VerifyFailure,
  VerifyResult,
} from "./scheme";
export type { MasterKeyRing } from "./types";
export { verifyEmail } from "./verify-email";
export { verifyTag } from "./verify-tag";
