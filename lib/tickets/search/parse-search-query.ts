/** The longest query the search box accepts; longer text is cut, not refused. */
export const SEARCH_QUERY_MAX = 100;
/** Name fragments shorter than this match too much to be useful, and no trigram index serves them. */
export const NAME_FRAGMENT_MIN = 3;
/** Ticket numbers are int4 in the database: larger numbers cannot be a ticket. */
const NUMBER_MAX = 2_147_483_647;

export type SearchQuery = {
  /** What was typed, trimmed, inner whitespace collapsed, at most SEARCH_QUERY_MAX characters. */
  text: string;
  /** The ticket number when the text reads as one: "RT-000042", "rt-42", "RT 42", "#42", "42". */
  number: number | null;
  /** Written as a ticket reference ("RT-42", "#42"), not a bare number that may also be a prefix. */
  explicitRef: boolean;
  /** The text as a LIKE operand: `\`, `%` and `_` escaped, so they match themselves. */
  likeText: string;
  /** Whether to look for the text inside customer names (see `looksLikeName`). */
  nameFragment: boolean;
};

const TICKET_REF = /^(rt[-\s]?|#)?0*(\d{1,10})$/i;

/** Escapes LIKE's wildcards and its escape character (PostgreSQL's default escape is `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Text worth looking for inside names: long enough for the trigram index, and not an email (an
 * "@", or one word with a dot: "tomas."). Such text matches no name, yet its trigrams can match
 * thousands ("tomas." → every Tomás), all of which the database would read to find none. Digits
 * stay: names may hold them, and trigrams with digits rarely match names in bulk.
 */
export function looksLikeName(text: string): boolean {
  if ([...text].length < NAME_FRAGMENT_MIN) return false;
  return !text.includes("@") && !(text.includes(".") && !text.includes(" "));
}

/**
 * Reads what was typed in the search box. Case and accents are folded by the database (the
 * same `ticket_search_fold` its indexes use), not here, so both sides always agree.
 */
export function parseSearchQuery(raw: unknown): SearchQuery | null {
  if (typeof raw !== "string") return null;
  const text = raw.trim().replace(/\s+/g, " ").slice(0, SEARCH_QUERY_MAX).trim();
  if (!text) return null;
  const ref = TICKET_REF.exec(text);
  const value = ref ? Number(ref[2]) : NaN;
  const number = Number.isSafeInteger(value) && value > 0 && value <= NUMBER_MAX ? value : null;
  return {
    text,
    number,
    explicitRef: number !== null && !!ref?.[1],
    likeText: escapeLike(text),
    nameFragment: looksLikeName(text),
  };
}
