// Parses the text of a challenge QR, or the link a customer pasted. Browser-safe: client
// components import this file directly to show the fields before anything is sent.
import { canonicalString } from "./canonical-string";
import { ChallengeParseError } from "./challenge-parse-error";
import { checkField } from "./check-field";
import { cleanChallengeText } from "./clean-challenge-text";
import { RP1_MAX_INPUT_LENGTH, RP1_URL_FIELD_ORDER } from "./constants";
import { extractChallengeQuery } from "./extract-challenge-query";
import { readQueryFields } from "./read-query-fields";
import type { Rp1Challenge, Rp1Fields, Rp1UrlFieldName } from "./types";

// Sentence punctuation that prose puts right after a link ("… here: https://…&g=…."). None of
// it can end a `g` value, but "." can end `f`, so it is dropped only when the text as given
// does not parse; the tag check still decides whether the result is the recorder's challenge.
const TRAILING_PUNCTUATION = /[.,;:!?]$/;

/**
 * Parses and format-checks a challenge. Does NOT verify the tag (that needs the keys).
 * @throws ChallengeParseError, and nothing else, for any input.
 */
export function parseChallenge(text: string): Rp1Challenge {
  if (typeof text !== "string") {
    throw new ChallengeParseError({ reason: "not-rp1", field: null, message: "This is not an RP1 challenge: it is not text." });
  }
  if (text.length > RP1_MAX_INPUT_LENGTH) {
    throw new ChallengeParseError({ reason: "too-long", field: null, message: "This is not an RP1 challenge: the text is far too long." });
  }
  const cleaned = cleanChallengeText(text);
  if (cleaned === "") {
    throw new ChallengeParseError({ reason: "not-rp1", field: null, message: "This is not an RP1 challenge: the text is empty." });
  }
  try {
    return parseCleaned(cleaned);
  } catch (error) {
    // Cleaned again: the punctuation may sit outside a wrapper, as in "<https://…>."
    const withoutPunctuation = cleanChallengeText(cleaned.replace(TRAILING_PUNCTUATION, ""));
    if (withoutPunctuation === cleaned || withoutPunctuation === "") throw error;
    try {
      return parseCleaned(withoutPunctuation);
    } catch {
      // The first error describes the text as the user gave it.
      throw error;
    }
  }
}

function parseCleaned(cleaned: string): Rp1Challenge {
  const raw = readQueryFields(extractChallengeQuery(cleaned));
  for (const name of RP1_URL_FIELD_ORDER) {
    if (raw[name] === undefined) throw ChallengeParseError.forField(name, "missing", "is missing.");
  }
  const value = (name: Rp1UrlFieldName): string => {
    const found = raw[name] ?? "";
    const error = checkField(name, found);
    if (error) throw error;
    return found;
  };
  // Object literal order = protocol order, so errors come out in protocol order too.
  const fields: Rp1Fields = {
    s: value("s"),
    p: value("p"),
    m: value("m"),
    f: value("f"),
    v: value("v"),
    t: value("t"),
    n: value("n"),
    e: value("e"),
  };
  const tag = value("g");
  return {
    scheme: "RP1",
    fields,
    tag,
    canonical: canonicalString(fields),
    keyVersion: Number(fields.v),
    time: Number(fields.t),
  };
}
