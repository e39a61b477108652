// The browser-safe part of the RP1 library (no node:crypto, no Buffer): what client components
// may import. A test keeps this import graph free of Node built-ins.
export { ChallengeParseError } from "./challenge-parse-error";
export type { ChallengeParseReason } from "./challenge-parse-error";
export { canonicalString } from "./canonical-string";
export { checkField } from "./check-field";
export { cleanChallengeText } from "./clean-challenge-text";
export { findFieldError } from "./find-field-error";
export { isResetHost } from "./is-reset-host";
export { buildChallengeUrl } from "./build-challenge-url";
export { RP1_ALPHABET, RP1_CODE_LENGTH, RP1_FIELD_ORDER, RP1_URL_FIELD_ORDER } from "./constants";
export { describeChallenge } from "./describe-challenge";
export { encodeCode } from "./encode-code";
export { RP1_FIELD_FORMATS } from "./field-formats";
export { formatCode } from "./format-code";
export { isCode } from "./is-code";
export { normalizeCodeInput } from "./normalize-code-input";
export type { CodeInputProblem, NormalizedCodeInput } from "./normalize-code-input";
export { EMAIL_TRIMMED_CODE_POINTS, normalizeEmail } from "./normalize-email";
export { parseChallenge } from "./parse-challenge";
export { RP1_FIELD_LABELS } from "./types";
export type { FieldDescription, Rp1Challenge, Rp1FieldName, Rp1Fields, Rp1UrlFieldName } from "./types";
