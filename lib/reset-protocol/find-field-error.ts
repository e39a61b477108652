// Checks a whole set of fields in protocol order; used by builders so that nothing can sign or
// encode a value the parser would refuse. Browser-safe.
import { checkField } from "./check-field";
import type { ChallengeParseError } from "./challenge-parse-error";
import { RP1_FIELD_ORDER } from "./constants";
import type { Rp1Fields } from "./types";

export interface FindFieldErrorOptions {
  readonly fields: Rp1Fields;
  /** Also check the tag `g` when given. */
  readonly tag?: string;
}

/** The first field (in protocol order) whose value is outside its format, or null. */
export function findFieldError({ fields, tag }: FindFieldErrorOptions): ChallengeParseError | null {
  for (const name of RP1_FIELD_ORDER) {
    // A caller in plain JS may hand a non-string; treat it as empty rather than crash.
    const value: unknown = fields[name];
    const error = checkField(name, typeof value === "string" ? value : "");
    if (error) return error;
  }
  return tag === undefined ? null : checkField("g", tag);
}
