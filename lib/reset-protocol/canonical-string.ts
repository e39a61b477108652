// canonical = "RP1|" + s + "|" + p + "|" + m + "|" + f + "|" + v + "|" + t + "|" + n + "|" + e
// Browser-safe.
import { RP1_FIELD_ORDER } from "./constants";
import { findFieldError } from "./find-field-error";
import type { Rp1Fields } from "./types";

/**
 * The string the tag and the code are computed over. Refuses (throws ChallengeParseError) fields
 * outside their format: "|" is not a valid character of any field, and that is what makes this
 * concatenation unambiguous, so nothing unchecked may be signed.
 */
export function canonicalString(fields: Rp1Fields): string {
  const error = findFieldError({ fields });
  if (error) throw error;
  return ["RP1", ...RP1_FIELD_ORDER.map((name) => fields[name])].join("|");
}
