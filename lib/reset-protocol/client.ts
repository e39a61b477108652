// The browser-safe part of the RP1 library (no node:crypto, no Buffer): what client components
// import, as "@/lib/reset-protocol/client". A test keeps this import graph free of Node built-ins.
export {
  buildChallengeUrl,
  canonicalString,
  challengeQuery,
  ChallengeParseError,
  checkField,
  describeChallenge,
  EMAIL_TRIMMED_CODE_POINTS,
  findFieldError,
  isResetHost,
  normalizeEmail,
  RP1_FIELD_FORMATS,
  RP1_FIELD_LABELS,
  RP1_FIELD_ORDER,
  RP1_MAX_INPUT_LENGTH,
  RP1_MAX_TIME,
  RP1_NONCE_BYTES,
  RP1_PATH,
  RP1_URL_FIELD_ORDER,
} from "./challenge";
export type {
  BuildChallengeUrlOptions,
  ChallengeParseReason,
  ChallengeQueryOptions,
  FieldDescription,
  FieldFormat,
  Rp1Challenge,
  Rp1FieldName,
  Rp1Fields,
  Rp1UrlFieldName,
} from "./challenge";
export { cleanChallengeText, parseChallenge, parseChallengeInText } from "./parse";
export { CODE_VALIDITY_MS, codeValidUntil, encodeCode, formatCode, isCode, normalizeCodeInput, RP1_ALPHABET, RP1_CODE_BYTES, RP1_CODE_LENGTH } from "./code";
export type { CodeInputProblem, NormalizedCodeInput } from "./code";
export { checkNewPassword, PASSWORD_FORBIDDEN_CHARACTERS, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password";
export type { CheckNewPasswordOptions, PasswordProblem } from "./password";
