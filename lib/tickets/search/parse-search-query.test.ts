import { describe, expect, it } from "vitest";
import { escapeLike, NAME_FRAGMENT_MIN, parseSearchQuery, SEARCH_QUERY_MAX } from "./parse-search-query";

describe("parseSearchQuery", () => {
  it.each([
    ["RT-000042", 42, true],
    ["rt-42", 42, true],
    ["RT 42", 42, true],
    ["rt42", 42, true],
    ["#42", 42, true],
    ["42", 42, false],
    ["  000042 ", 42, false],
  ])("reads %j as ticket %i", (raw, number, explicitRef) => {
    expect(parseSearchQuery(raw)).toMatchObject({ number, explicitRef });
  });

  it.each(["RT-", "RT-0", "0", "RT-42a", "42-43", "NVR8-2411", "rt--42", "99999999999", "2147483648"])("%j is no ticket number", (raw) => {
    expect(parseSearchQuery(raw)?.number ?? null).toBeNull();
  });

  it("keeps the largest ticket number the database can hold", () => {
    expect(parseSearchQuery("2147483647")?.number).toBe(2_147_483_647);
  });

  it("trims, collapses whitespace and caps the length", () => {
    expect(parseSearchQuery("  Zoë   van  Dijk ")?.text).toBe("Zoë van Dijk");
    expect(parseSearchQuery("x".repeat(500))?.text).toHaveLength(SEARCH_QUERY_MAX);
  });

  it("nothing to search for is null", () => {
    for (const raw of ["", "   ", undefined, null, 42, ["a"]]) expect(parseSearchQuery(raw)).toBeNull();
  });

  it("looks inside names only from the minimum fragment length, counting characters not code units", () => {
    expect(parseSearchQuery("ab")?.nameFragment).toBe(false);
    expect(parseSearchQuery("abc")?.nameFragment).toBe(true);
    expect(parseSearchQuery("zoë".slice(0, NAME_FRAGMENT_MIN))?.nameFragment).toBe(true);
    // Emails are never looked for in names; a name with a title or a number is.
    for (const text of ["kim@exa", "tomas.", "kim.lee"]) expect(parseSearchQuery(text)?.nameFragment, text).toBe(false);
    expect(parseSearchQuery("Customer 42")?.nameFragment).toBe(true);
    expect(parseSearchQuery("Dr. Zoë")?.nameFragment).toBe(true);
    expect(parseSearchQuery("O'Brien-Walsh")?.nameFragment).toBe(true);
  });

  it("escapes LIKE wildcards so they match themselves", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(parseSearchQuery("a_b%")?.likeText).toBe("a\\_b\\%");
  });
});
