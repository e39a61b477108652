// Splits a cleaned challenge text into its query. Accepts a full URL with any scheme and host,
// a URL without scheme, a bare "?query" or a bare "query". Browser-safe.
import { ChallengeParseError } from "./challenge-parse-error";

const SCHEME_AND_AUTHORITY = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^/]*(\/.*)?$/;

/** The query part (after the first "?", or the whole text when there is none). */
export function extractChallengeQuery(cleaned: string): string {
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
