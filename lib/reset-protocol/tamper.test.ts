// A challenge that was changed anywhere in its query must never yield a code: either it no
// longer parses, or its tag no longer verifies, or (harmlessly) it is still the same challenge.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChallengeParseError, type Rp1Challenge } from "./challenge";
import { parseChallenge } from "./parse";
import { rp1Scheme } from "./scheme";
import { testKeys, validChallenge } from "./testing/arbitraries";

type Outcome = "unparsable" | "same" | "refused";

function judge(original: { fields: Rp1Challenge["fields"]; tag: string }, mutated: string): Outcome {
  let parsed: Rp1Challenge;
  try {
    parsed = parseChallenge(mutated);
  } catch (error) {
    if (error instanceof ChallengeParseError) return "unparsable";
    throw error;
  }
  if (JSON.stringify([parsed.fields, parsed.tag]) === JSON.stringify([original.fields, original.tag])) return "same";
  const verified = rp1Scheme.verify({ challenge: parsed, keys: testKeys });
  // Still in format but changed: the tag must catch it (or its key version is unknown).
  expect(verified.ok).toBe(false);
  const derived = rp1Scheme.deriveCode({ challenge: parsed, keys: testKeys });
  expect(derived.ok).toBe(false);
  return "refused";
}

const B64U = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const REPLACEMENTS = `${B64U}.&=?%#+/ \n>`;

describe("tampering with a challenge URL", () => {
  it("every single-character substitution in the query of a normative vector is refused", () => {
    const url =
      "https://reset.example.com/rp1?s=2MN8X-2411-000123&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=1763726400&n=ZGVmZ2hpamtsbW5v&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g";
    const original = parseChallenge(url);
    const counts: Record<Outcome, number> = { unparsable: 0, same: 0, refused: 0 };
    for (let position = url.indexOf("?") + 1; position < url.length; position++) {
      for (const replacement of REPLACEMENTS) {
        if (replacement === url[position]) continue;
        counts[judge(original, url.slice(0, position) + replacement + url.slice(position + 1))]++;
      }
    }
    // Most substitutions keep the format; each of those must have been refused by the tag.
    expect(counts.refused).toBeGreaterThan(5000);
    expect(counts.same).toBe(0);
  });

  it("a random substitution, insertion or deletion in a random challenge's query never verifies", () => {
    let refused = 0;
    fc.assert(
      fc.property(
        validChallenge,
        fc.nat(),
        fc.constantFrom("replace", "insert", "delete"),
        fc.oneof(fc.constantFrom(...REPLACEMENTS), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })),
        (challenge, rawPosition, operation, character) => {
          const queryStart = challenge.url.indexOf("?") + 1;
          const position = queryStart + (rawPosition % (challenge.url.length - queryStart));
          if (operation === "replace" && challenge.url[position] === character) return;
          const skip = operation === "insert" ? 0 : 1;
          const insert = operation === "delete" ? "" : character;
          const mutated = challenge.url.slice(0, position) + insert + challenge.url.slice(position + skip);
          if (judge(challenge, mutated) === "refused") refused++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(refused).toBeGreaterThan(300);
  });

  it("swapping values between two fields of the same format is refused", () => {
    fc.assert(
      fc.property(validChallenge, (challenge) => {
        const { e } = challenge.fields;
        const swapped = challenge.url.replace(`e=${e}`, `e=${challenge.tag}`).replace(`g=${challenge.tag}`, `g=${e}`);
        fc.pre(swapped !== challenge.url);
        expect(judge(challenge, swapped)).toBe("refused");
      }),
      { numRuns: 200 },
    );
  });
});
