// Reads "name=value" pairs of a challenge query, refusing unknown and repeated names.
// Values are taken verbatim: no percent-decoding and no "+" → space (see checkField).
import { ChallengeParseError } from "./challenge-parse-error";
import { RP1_URL_FIELD_ORDER } from "./constants";
import type { Rp1UrlFieldName } from "./types";

const URL_FIELDS: ReadonlySet<string> = new Set(RP1_URL_FIELD_ORDER);
// Unknown names are repeated in messages only when short and plainly printable.
const PRINTABLE_NAME = /^[A-Za-z0-9_.-]{1,16}$/;

const isUrlField = (name: string): name is Rp1UrlFieldName => URL_FIELDS.has(name);

/** The raw values by field name; fields that are absent are absent from the result. */
export function readQueryFields(query: string): Partial<Record<Rp1UrlFieldName, string>> {
  // Text without a single "name=value" is something else altogether (a wrong QR, a note).
  if (!query.includes("=")) {
    throw new ChallengeParseError({ reason: "not-rp1", field: null, message: "This is not an RP1 challenge: it has no fields." });
  }
  const found = new Map<Rp1UrlFieldName, string>();
  const parts = query.split("&");
  for (const [index, part] of parts.entries()) {
    // "a=1&&b=2" and a trailing "&" are harmless artefacts of hand-edited links.
    if (part === "") continue;
    const equals = part.indexOf("=");
    const name = equals === -1 ? part : part.slice(0, equals);
    if (equals === -1) {
      throw isUrlField(name)
        ? ChallengeParseError.forField(name, "malformed", 'has no "=" and no value.')
        : new ChallengeParseError({
            reason: "malformed",
            field: null,
            message: `Part ${index + 1} of the challenge is not of the form name=value.`,
          });
    }
    if (!isUrlField(name)) {
      const printable = PRINTABLE_NAME.test(name) ? name : null;
      throw new ChallengeParseError({
        reason: "unknown",
        field: null,
        unknownField: printable,
        message: printable ? `The challenge has an unknown field "${printable}".` : "The challenge has an unknown field.",
      });
    }
    if (found.has(name)) throw ChallengeParseError.forField(name, "repeated", "appears more than once.");
    found.set(name, part.slice(equals + 1));
  }
  if (found.size === 0) {
    throw new ChallengeParseError({ reason: "not-rp1", field: null, message: "This is not an RP1 challenge: it has no fields." });
  }
  return Object.fromEntries(found);
}
