import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChallengeParseError } from "./challenge";
import { parseChallenge, parseChallengeInText } from "./parse";
import { validChallenge } from "./testing/arbitraries";

// Quoted-printable as a mail server writes a body: "=" as "=3D", lines of at most 76 characters
// ending in a soft break "=".
function quotedPrintable(text: string): string {
  const escaped = text.replaceAll("=", "=3D");
  const lines: string[] = [];
  for (let i = 0; i < escaped.length; i += 72) lines.push(escaped.slice(i, i + 72));
  return lines.join("=\n");
}

describe("parseChallengeInText: the link inside whatever was pasted", () => {
  const wrappings: [string, (url: string) => string][] = [
    ["words before and after on one line", (url) => `Hi, here is the link from my phone: ${url} thanks a lot!`],
    ["a chat message with the link on its own line", (url) => `Kim Lee 10:42\nhere you go\n${url}\nsent from my phone`],
    ["angle brackets in an email body", (url) => `Please see <${url}> for the code.`],
    ["a link wrapped by a mail client, then a signature", (url) => `Link:\n${url.slice(0, 70)}\n${url.slice(70)}\n\n-- \nKim`],
    ["a quoted reply", (url) => `> On Monday Kim wrote:\n> ${url.slice(0, 60)}\n> ${url.slice(60)}\n> Thanks`],
    ["a quoted-printable body", (url) => `Content below.\n${quotedPrintable(url)}\nRegards`],
    ["sentence punctuation right after the link", (url) => `The link is ${url}. Call me back please.`],
  ];

  it.each(wrappings)("finds the same challenge in %s", (_name, wrap) => {
    fc.assert(
      fc.property(validChallenge, (generated) => {
        const found = parseChallengeInText(wrap(generated.url));
        expect(found).toEqual(parseChallenge(generated.url));
      }),
      { numRuns: 40 },
    );
  });

  it("says a link is cut off when its last fields are missing", () => {
    fc.assert(
      fc.property(validChallenge, (generated) => {
        const cut = generated.url.slice(0, generated.url.indexOf("&e="));
        expect(() => parseChallengeInText(`Here: ${cut} thanks`)).toThrow(expect.objectContaining({ reason: "missing" }));
      }),
      { numRuns: 30 },
    );
  });

  it("answers text without any link as not a challenge", () => {
    const error = (() => {
      try {
        parseChallengeInText("Hello, I forgot my password, can you help? My recorder is in the shop.");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ChallengeParseError);
    expect((error as ChallengeParseError).reason).toBe("not-rp1");
  });

  it("never accepts a link with a changed character, wherever the words around it are", () => {
    fc.assert(
      fc.property(validChallenge, fc.nat(), (generated, at) => {
        const url = generated.url;
        const query = url.indexOf("?") + 1;
        const i = query + (at % (url.length - query));
        const swapped = url[i] === "A" ? "B" : "A";
        const tampered = `${url.slice(0, i)}${swapped}${url.slice(i + 1)}`;
        let parsed: ReturnType<typeof parseChallenge> | null = null;
        try {
          parsed = parseChallengeInText(`hi ${tampered} bye`);
        } catch {
          return;
        }
        // A changed value may still be well-formed; then it is a different challenge, never the original.
        expect(parsed).not.toEqual(parseChallenge(url));
      }),
      { numRuns: 60 },
    );
  });
});
