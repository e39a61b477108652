// Parsing the text of a challenge QR, or the link a customer pasted, into a format-checked
// challenge (the tag is verified later, with the keys). Browser-safe: the intake form shows the
// fields before anything is sent.
import {
  canonicalString,
  checkField,
  ChallengeParseError,
  RP1_MAX_INPUT_LENGTH,
  RP1_URL_FIELD_ORDER,
  type Rp1Challenge,
  type Rp1Fields,
  type Rp1UrlFieldName,
} from "./challenge";

// ── Cleaning what mail clients, chat apps and copy-paste do to a link ───────────────────────
// Safe because no valid RP1 character is white space, invisible, a quote or an angle bracket:
// removing them can never turn one valid challenge into a different valid one, and the tag
// check catches anything else.

// A line break followed by the quote markers ("> > ") a reply puts at the start of each line.
const LINE_BREAK_WITH_QUOTE_MARKERS = /(?:\r\n|[\n\r\v\f\u0085\u2028\u2029])[\s\u0085>]*/g;
// All JS white space (\s also covers NBSP, U+2000..U+200A, U+3000, U+FEFF ...), NEL, and the
// invisible characters mail and chat clients insert to allow line breaks: soft hyphen,
// Mongolian vowel separator, zero-width space / non-joiner / joiner, word joiner.
const WHITE_SPACE_AND_INVISIBLES = /[\s\u0085\u00AD\u180E\u200B-\u200D\u2060]/g;
// Wrappers people and clients put around links; stripped only as matching pairs.
const WRAPPERS: ReadonlyArray<readonly [string, string]> = [
  ["<", ">"],
  ['"', '"'],
  ["'", "'"],
  ["\u201C", "\u201D"],
  ["\u2018", "\u2019"],
  ["\u00AB", "\u00BB"],
  ["`", "`"],
  ["(", ")"],
  ["[", "]"],
];
// Nested wrappers beyond this are not something a client does; stop rather than loop.
const MAX_UNWRAP = 4;

/** Returns `text` without white space, invisible characters, quote markers and wrappers. */
export function cleanChallengeText(text: string): string {
  let cleaned = text.replace(LINE_BREAK_WITH_QUOTE_MARKERS, "").replace(WHITE_SPACE_AND_INVISIBLES, "");
  // Quote markers of the first line of a quoted reply.
  cleaned = cleaned.replace(/^>+/, "");
  for (let round = 0; round < MAX_UNWRAP; round++) {
    const pair = WRAPPERS.find(([open, close]) => cleaned.length >= 2 && cleaned.startsWith(open) && cleaned.endsWith(close));
    if (!pair) break;
    cleaned = cleaned.slice(pair[0].length, cleaned.length - pair[1].length);
  }
  // Half a "<...>" wrapper, left when only part of the surrounding text was copied.
  return cleaned.replace(/^</, "").replace(/>$/, "");
}

// ── The query: a full URL with any scheme and host, a URL without scheme, "?query" or "query" ──

const SCHEME_AND_AUTHORITY = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^/]*(\/.*)?$/;

/** The query part (after the first "?", or the whole text when there is none). */
function extractChallengeQuery(cleaned: string): string {
  const question = cleaned.indexOf("?");
  if (question === -1) return cleaned;
  const beforeQuery = cleaned.slice(0, question);
  // Any host is fine (test, staging, a vendor's own reset host), but the path must say RP1:
  // another scheme may reuse the same one-letter field names under another path.
  if (beforeQuery !== "" && !isRp1Path(pathOf(beforeQuery))) {
    throw new ChallengeParseError({
      reason: "not-rp1",
      field: null,
      message: "This is not an RP1 challenge: the link's path does not end in /rp1.",
    });
  }
  return cleaned.slice(question + 1);
}

function pathOf(beforeQuery: string): string {
  const url = SCHEME_AND_AUTHORITY.exec(beforeQuery);
  if (url) return url[1] ?? "";
  if (beforeQuery.startsWith("/")) return beforeQuery;
  // "reset.example.com/rp1" (a phone dropped the scheme) or a relative "rp1".
  const slash = beforeQuery.indexOf("/");
  return slash === -1 ? beforeQuery : beforeQuery.slice(slash);
}

function isRp1Path(path: string): boolean {
  const segments = path.split("/").filter((segment) => segment !== "");
  return segments.length > 0 && segments[segments.length - 1]?.toLowerCase() === "rp1";
}

// ── name=value pairs ──────────────────────────────────────────────────────────────────────
// Reads "name=value" pairs of a challenge query, refusing unknown and repeated names.
// Values are taken verbatim: no percent-decoding and no "+" → space (see checkField).

const URL_FIELDS: ReadonlySet<string> = new Set(RP1_URL_FIELD_ORDER);
// Unknown names are repeated in messages only when short and plainly printable.
const PRINTABLE_NAME = /^[A-Za-z0-9_.-]{1,16}$/;

const isUrlField = (name: string): name is Rp1UrlFieldName => URL_FIELDS.has(name);

/** The raw values by field name; fields that are absent are absent from the result. */
function readQueryFields(query: string): Partial<Record<Rp1UrlFieldName, string>> {
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

// ── The parser ──────────────────────────────────────────────────────────────────────────────

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

// ── Finding the link in whatever the customer sent ─────────────────────────────────────────
// Agents paste whole chat messages and email bodies: words around the link, a quoted-printable
// body ("=3D" for "=", "=" at the end of a wrapped line), the link broken over several lines.
// The link is found by trying each place where one could start, extended one whitespace-
// separated word at a time, and taking the shortest text that parses: every field has a strict
// format and the tag a fixed length, so words after the link make it fail, never succeed.

const LINK_START = /https?:\/\/|[A-Za-z0-9.-]+\/rp1\?|(?:^|[\s<("'])\??s=/gi;
const MAX_STARTS = 8;
const MAX_WORDS = 60;

/** Undoes quoted-printable encoding (RFC 2045): soft line breaks and =XX escapes. */
function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function linkStarts(text: string): number[] {
  const starts: number[] = [];
  for (const match of text.matchAll(LINK_START)) {
    // A query-only start matched the character before "s=": begin after it.
    const offset = match[0].length > 1 && /^[\s<("']/.test(match[0]) ? 1 : 0;
    starts.push(match.index + offset);
    if (starts.length >= MAX_STARTS) break;
  }
  return starts;
}

/** The texts to try from one start: up to the end of each following word. */
function* prefixes(text: string, start: number): Generator<string> {
  const words = /\S+/g;
  words.lastIndex = start;
  for (let count = 0; count < MAX_WORDS; count++) {
    const word = words.exec(text);
    if (!word) return;
    yield text.slice(start, word.index + word[0].length);
  }
}

/**
 * Parses the challenge in a pasted text that may hold more than the link (see above). Returns
 * exactly what `parseChallenge` returns for the link alone.
 * @throws ChallengeParseError describing the link as best found (e.g. "missing" when it is cut off).
 */
export function parseChallengeInText(text: string): Rp1Challenge {
  let firstError: unknown;
  try {
    return parseChallenge(text);
  } catch (error) {
    if (!(error instanceof ChallengeParseError) || error.reason === "too-long" || typeof text !== "string") throw error;
    firstError = error;
  }
  let closest: ChallengeParseError | null = null;
  const variants = /=(?:3D|\r?\n)/.test(text) ? [text, decodeQuotedPrintable(text)] : [text];
  for (const variant of variants) {
    for (const start of linkStarts(variant)) {
      let last: string | null = null;
      for (const candidate of prefixes(variant, start)) {
        last = candidate;
        try {
          return parseChallenge(candidate);
        } catch {
          // Not yet the whole link (or already past it): try the next word.
        }
      }
      // The whole rest of the text from this start: the best description of what is wrong.
      if (last !== null && !closest) {
        try {
          parseChallenge(last);
        } catch (error) {
          if (error instanceof ChallengeParseError && error.reason !== "not-rp1") closest = error;
        }
      }
    }
  }
  throw closest ?? firstError;
}
