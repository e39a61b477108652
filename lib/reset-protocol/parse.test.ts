import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChallengeParseError, type ChallengeParseReason, type Rp1UrlFieldName } from "./challenge";
import { parseChallenge } from "./parse";
import { validChallenge } from "./testing/arbitraries";

const URL_1 =
  "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g";
const QUERY_1 = URL_1.slice(URL_1.indexOf("?") + 1);
const FIELDS_1 = Object.fromEntries(QUERY_1.split("&").map((part) => part.split("=") as [string, string]));

function withField(name: string, value: string | null): string {
  const parts = Object.entries(FIELDS_1)
    .filter(([key]) => key !== name || value !== null)
    .map(([key, old]) => `${key}=${key === name ? value : old}`);
  return `https://reset.example.com/rp1?${parts.join("&")}`;
}

function parseError(text: string): ChallengeParseError {
  try {
    parseChallenge(text);
  } catch (error) {
    if (error instanceof ChallengeParseError) return error;
    throw error;
  }
  throw new Error("expected a parse error");
}

function expectError(text: string, reason: ChallengeParseReason, field: Rp1UrlFieldName | null): ChallengeParseError {
  const error = parseError(text);
  expect({ reason: error.reason, field: error.field }).toEqual({ reason, field });
  if (field) expect(error.message).toContain(`"${field}"`);
  return error;
}

describe("parseChallenge: what it accepts", () => {
  const expected = parseChallenge(URL_1);

  it("returns the fields, tag, canonical string and numbers", () => {
    expect(expected).toEqual({
      scheme: "RP1",
      fields: {
        s: "2MN8X-2411-000123",
        p: "2MN-8016",
        m: "A1B2C3D4E5F6",
        f: "4.1.7",
        v: "1",
        t: "1763726400",
        n: "ZGVmZ2hpamtsbW5v",
        e: "q-GFqW-4GHu1_Ysmh-PKMA",
      },
      tag: "klyoQ4aHwonZh-hv97123g",
      canonical: "RP1|2MN8X-2411-000123|2MN-8016|A1B2C3D4E5F6|4.1.7|1|1763726400|ZGVmZ2hpamtsbW5v|q-GFqW-4GHu1_Ysmh-PKMA",
      keyVersion: 1,
      time: 1763726400,
    });
  });

  it.each([
    ["any host", URL_1.replace("reset.example.com", "staging.vendor.test:8443")],
    ["http scheme", URL_1.replace("https:", "http:")],
    ["no scheme", URL_1.replace("https://", "")],
    ["protocol-relative", URL_1.replace("https:", "")],
    ["path only", `/rp1?${QUERY_1}`],
    ["relative path", `rp1?${QUERY_1}`],
    ["trailing slash on the path", URL_1.replace("/rp1?", "/rp1/?")],
    ["a path prefix before /rp1", URL_1.replace("/rp1?", "/support/rp1?")],
    ["upper-case path (QR alphanumeric mode)", URL_1.replace("https://reset.example.com/rp1", "HTTPS://RESET.EXAMPLE.COM/RP1")],
    ["bare query with ?", `?${QUERY_1}`],
    ["bare query without ?", QUERY_1],
    ["surrounding white space", `  \n\t${URL_1} \r\n`],
    ["fields in reverse order", `?${QUERY_1.split("&").reverse().join("&")}`],
    ["empty parts and a trailing &", `${URL_1.replace("&p=", "&&p=")}&`],
    ["line breaks inside (mail wrapping)", URL_1.replace(/(.{30})/g, "$1\r\n")],
    ["quoted reply markers after the breaks", `> ${URL_1.replace(/(.{25})/g, "$1\n> > ")}`],
    ["zero-width spaces and soft hyphens", URL_1.replace(/&/g, "\u200B&\u00AD")],
    ["non-breaking and ideographic spaces", URL_1.replace(/=/g, "=\u00A0").replace(/&/g, "\u3000&")],
    ["<angle brackets>", `<${URL_1}>`],
    ["a stray trailing >", `${URL_1}>`],
    ['"double quotes"', `"${URL_1}"`],
    ["'single quotes'", `'${URL_1}'`],
    ["“typographic quotes”", `\u201C${URL_1}\u201D`],
    ["(parentheses)", `(${URL_1})`],
    ["a full stop after the link", `${URL_1}.`],
    ["a full stop after a wrapped link", `<${URL_1}>.`],
    ["a comma after the link in parentheses", `(${URL_1}),`],
  ])("accepts %s", (_name, text) => {
    expect(parseChallenge(text)).toEqual(expected);
  });

  it("keeps a trailing dot that belongs to the last field when the text parses as given", () => {
    const text = `?${QUERY_1.replace("&f=4.1.7", "")}&f=4.1.7.`;
    expect(parseChallenge(text).fields.f).toBe("4.1.7.");
  });
});

describe("parseChallenge: structural errors", () => {
  it.each([
    ["empty text", ""],
    ["only white space", " \r\n\t "],
    ["plain words", "hello world"],
    ["a URL without query", "https://reset.example.com/rp1"],
    ["a query without any =", "https://reset.example.com/rp1?abc&def"],
    ["an empty query", "https://reset.example.com/rp1?"],
  ])("refuses %s as not-rp1", (_name, text) => {
    expectError(text, "not-rp1", null);
  });

  it.each([
    ["another path", URL_1.replace("/rp1?", "/rp2?")],
    ["no path", URL_1.replace("/rp1?", "?")],
    ["rp1 as a query-less host", URL_1.replace("reset.example.com/rp1", "rp1.example.com")],
  ])("refuses a link with %s as not-rp1", (_name, text) => {
    expectError(text, "not-rp1", null);
  });

  it("refuses over-long input without looking at it", () => {
    expectError(`${URL_1}${" ".repeat(9000)}`, "too-long", null);
  });

  it("refuses a part without = (naming the field when it is one)", () => {
    expectError(`${URL_1}&junk`, "malformed", null);
    expectError(withField("s", null).replace("?", "?s&"), "malformed", "s");
  });

  it("refuses a missing field, naming it", () => {
    for (const name of Object.keys(FIELDS_1) as Rp1UrlFieldName[]) {
      const error = expectError(withField(name, null), "missing", name);
      expect(error.message).toMatch(/missing/);
    }
  });

  it("refuses a repeated field, naming it, even with the same value", () => {
    for (const [name, value] of Object.entries(FIELDS_1)) {
      expectError(`${URL_1}&${name}=${value}`, "repeated", name as Rp1UrlFieldName);
    }
  });

  it("refuses an unknown field, naming it when printable", () => {
    const error = expectError(`${URL_1}&x=1`, "unknown", null);
    expect(error.unknownField).toBe("x");
    expect(error.message).toContain('"x"');
    expect(expectError(`${URL_1}&S=1`, "unknown", null).unknownField).toBe("S");
    const weird = expectError(`${URL_1}&<script>=1`, "unknown", null);
    expect(weird.unknownField).toBeNull();
    expect(weird.message).not.toContain("script");
  });
});

describe("parseChallenge: field formats", () => {
  const invalid: Record<Rp1UrlFieldName, string[]> = {
    s: ["ABC12", "A".repeat(33), "2mn8x-2411", "2MN8X_2411", "2MN8X.2411", "2MN8X%2D2411", "ÄBCDEF"],
    p: ["A".repeat(25), "2MN_8016", "2MN.8016", "2MN+8016", "2MN%208016"],
    m: ["A1B2C3D4E5F", "A1B2C3D4E5F6A", "a1b2c3d4e5f6", "A1:B2:C3:D4:E5:F6", "G1B2C3D4E5F6"],
    f: ["A".repeat(25), "4.1.7+b", "4,1,7", "4.1.7~", "4.1.7%2B"],
    v: ["0", "256", "01", "001", "1.0", "+1", "-1", "1e2", "x"],
    t: ["01", "00", "4294967296", "99999999999", "-1", "1.5", "1e9", "+5"],
    n: ["ZGVmZ2hpamtsbW5", "ZGVmZ2hpamtsbW5vA", "ZGVmZ2hpamtsbW5=", "ZGVmZ2hpamts+W5v", "ZGVmZ2hpamts/W5v"],
    e: ["q-GFqW-4GHu1_Ysmh-PKM", "q-GFqW-4GHu1_Ysmh-PKMAA", "q+GFqW/4GHu1_Ysmh-PKMA", "q-GFqW-4GHu1_Ysmh-PKM="],
    g: ["klyoQ4aHwonZh-hv97123", "klyoQ4aHwonZh-hv97123gg", "klyoQ4aHwonZh-hv97123g==", "klyoQ4aHwonZh+hv97123g"],
  };

  for (const [name, values] of Object.entries(invalid) as [Rp1UrlFieldName, string[]][]) {
    it.each(values)(`refuses ${name}=%s, naming "${name}"`, (value) => {
      const error = expectError(withField(name, value), "format", name);
      expect(error.message).not.toContain(value);
    });

    it(`refuses an empty ${name}`, () => {
      expectError(withField(name, ""), "empty", name);
    });
  }

  it("says so when a value is percent-encoded", () => {
    expect(parseError(withField("s", "2MN8X%2D2411-000123")).message).toMatch(/percent-encoded/);
  });

  it.each([
    ["v", ["1", "9", "10", "99", "100", "199", "200", "249", "250", "255"]],
    ["t", ["0", "1", "4294967295", "1000000000"]],
    ["s", ["ABCDEF", "------", "A".repeat(32)]],
    ["p", ["x", "A".repeat(24)]],
    ["f", ["_", "a._-".repeat(6)]],
    ["m", ["000000000000", "FFFFFFFFFFFF"]],
  ] as const)("accepts the edges of %s", (name, values) => {
    for (const value of values) expect(parseChallenge(withField(name, value)).fields[name as "v"]).toBe(value);
  });

  it("reports errors in a fixed order: structure, missing, then formats in protocol order", () => {
    expectError(withField("m", "bad").replace("&p=", "&x=1&p="), "unknown", null);
    expectError(withField("m", "bad").replace(/&g=[^&]*/, ""), "missing", "g");
    expectError(withField("m", "bad").replace("&v=1", "&v=0"), "format", "m");
  });
});

describe("parseChallenge never throws anything but ChallengeParseError", () => {
  const onlyParseErrors = (text: string) => {
    try {
      parseChallenge(text);
    } catch (error) {
      if (!(error instanceof ChallengeParseError)) throw error;
      expect(error.message.length).toBeGreaterThan(0);
    }
  };

  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.string({ unit: "grapheme" }),
          fc.string({ unit: fc.constantFrom(..."s=&?%/<>\"' \n\r\tpmfvtneg.-_#") }),
        ),
        onlyParseErrors,
      ),
      { numRuns: 2000 },
    );
  });

  it("on non-string input from untyped callers", () => {
    for (const value of [undefined, null, 42, {}, [], Symbol("x")]) onlyParseErrors(value as unknown as string);
  });

  it("on valid URLs with random insertions, deletions and replacements", () => {
    const edit = fc.record({
      position: fc.nat(),
      deleteCount: fc.nat({ max: 5 }),
      insert: fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.string({ unit: "binary", maxLength: 3 }),
        fc.constantFrom("&", "=", "?", "%", "&s=", "\n>", "<", ">", ".."),
      ),
    });
    fc.assert(
      fc.property(validChallenge, fc.array(edit, { minLength: 1, maxLength: 4 }), (challenge, edits) => {
        let text: string = challenge.url;
        for (const { position, deleteCount, insert } of edits) {
          const at = position % (text.length + 1);
          text = text.slice(0, at) + insert + text.slice(at + deleteCount);
        }
        onlyParseErrors(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("in linear time on hostile input of the maximum length", () => {
    const max = 8192;
    const hostile = [
      "\n".repeat(max),
      "\n>".repeat(max / 2),
      "a".repeat(max),
      `https:${"/".repeat(max - 10)}?s=1`,
      `${"a".repeat(max - 3)}://`,
      "&".repeat(max),
      "=".repeat(max),
      "s=".repeat(max / 2),
      `?${"x=&".repeat(max / 3 - 1)}`,
      "<".repeat(max / 2) + ">".repeat(max / 2),
      `${"\u200B".repeat(max - 2)}.,`,
    ];
    for (const text of hostile) {
      const started = performance.now();
      onlyParseErrors(text);
      expect(performance.now() - started).toBeLessThan(100);
    }
  });

  it("and every valid challenge round-trips through its URL", () => {
    fc.assert(
      fc.property(validChallenge, (challenge) => {
        const parsed = parseChallenge(challenge.url);
        expect(parsed.fields).toEqual(challenge.fields);
        expect(parsed.tag).toBe(challenge.tag);
        expect(parsed.canonical).toBe(challenge.canonical);
      }),
      { numRuns: 300 },
    );
  });
});
