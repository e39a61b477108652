// Validates one value against the protocol table. Browser-safe.
import { ChallengeParseError } from "./challenge-parse-error";
import { RP1_FIELD_FORMATS } from "./field-formats";
import type { Rp1UrlFieldName } from "./types";

/** Returns the error for `value` in `field`, or null when the value is valid. */
export function checkField(field: Rp1UrlFieldName, value: string): ChallengeParseError | null {
  const format = RP1_FIELD_FORMATS[field];
  if (format.test(value)) return null;
  if (value.length === 0) return ChallengeParseError.forField(field, "empty", "is empty.");
  // No RP1 character needs percent-encoding, so "%" means the link was re-encoded on the way
  // (a mail gateway or a URL shortener); decoding it could only hide that, so refuse instead.
  if (value.includes("%")) {
    return ChallengeParseError.forField(field, "format", "is percent-encoded; RP1 values never are, so the link was altered on its way.");
  }
  return ChallengeParseError.forField(field, "format", `must be ${format.description}.`);
}
