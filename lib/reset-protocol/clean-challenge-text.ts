// Undoes what mail clients, chat apps and copy-paste do to a challenge link, before parsing.
// Safe because no valid RP1 character is white space, invisible, a quote or an angle bracket:
// removing them can never turn one valid challenge into a different valid one, and the tag
// check catches anything else. Browser-safe.

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
