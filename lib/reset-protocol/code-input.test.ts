import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codesEqual } from "./codes-equal";
import { RP1_ALPHABET } from "./constants";
import { encodeCode } from "./encode-code";
import { formatCode } from "./format-code";
import { isCode } from "./is-code";
import { normalizeCodeInput } from "./normalize-code-input";

const code = fc.string({ unit: fc.constantFrom(...RP1_ALPHABET), minLength: 8, maxLength: 8 });

describe("encodeCode", () => {
  it("maps 40 bits MSB-first in 5-bit groups", () => {
    expect(encodeCode(Uint8Array.of(0, 0, 0, 0, 0))).toBe("22222222");
    expect(encodeCode(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff))).toBe("tttttttt");
    // 0x08 0x86 0x42 0x98 0xe8 = 00001 00010 00011 00100 00101 00110 00111 01000
    expect(encodeCode(Uint8Array.of(0x08, 0x86, 0x42, 0x98, 0xe8))).toBe("3456789A");
    // Only the top bit set: first group is 10000 = 16 → "M".
    expect(encodeCode(Uint8Array.of(0x80, 0, 0, 0, 0))).toBe("M2222222");
    // Only the lowest bit set: last group is 00001 → "3".
    expect(encodeCode(Uint8Array.of(0, 0, 0, 0, 1))).toBe("22222223");
  });

  it("ignores bytes after the fifth and needs at least five", () => {
    expect(encodeCode(Uint8Array.of(0, 0, 0, 0, 0, 0xff, 0xff))).toBe("22222222");
    expect(() => encodeCode(Uint8Array.of(1, 2, 3, 4))).toThrow(RangeError);
  });

  it("agrees with a BigInt implementation on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 5, maxLength: 5 }), (bytes) => {
        const value = BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
        let expected = "";
        for (let shift = 35n; shift >= 0n; shift -= 5n) expected += RP1_ALPHABET[Number((value >> shift) & 31n)];
        expect(encodeCode(bytes)).toBe(expected);
      }),
    );
  });
});

describe("formatCode", () => {
  it("inserts the hyphen after four characters", () => {
    expect(formatCode("jAb6LFtn")).toBe("jAb6-LFtn");
  });

  it.each(["", "jAb6LFt", "jAb6LFtnn", "jAb6-LFtn", "jAb6LFt1", "JAB6LFTN"])("refuses %j without echoing it", (value) => {
    expect(() => formatCode(value)).toThrow(RangeError);
    try {
      formatCode(value);
    } catch (error) {
      if (value) expect((error as Error).message).not.toContain(value);
    }
  });
});

describe("normalizeCodeInput", () => {
  it.each([
    ["jAb6LFtn", "jAb6LFtn"],
    ["jAb6-LFtn", "jAb6LFtn"],
    [" jAb6 LFtn ", "jAb6LFtn"],
    ["jA-b6-LF-tn", "jAb6LFtn"],
    ["\tjAb6\u00A0-\u00A0LFtn\r\n", "jAb6LFtn"],
    ["jAb6\u2013LFtn", "jAb6LFtn"],
    ["jAb6\u2011LFtn", "jAb6LFtn"],
    ["jAb6\u2212LFtn", "jAb6LFtn"],
  ])("reads %j as %s", (input, expected) => {
    expect(normalizeCodeInput(input)).toEqual({ ok: true, code: expected });
  });

  it("never changes case", () => {
    expect(normalizeCodeInput("JAB6LFTN")).toEqual({ ok: false, problem: "character" });
    expect(normalizeCodeInput("dDeEfF22")).toEqual({ ok: true, code: "dDeEfF22" });
    fc.assert(
      fc.property(code, (value) => {
        const result = normalizeCodeInput(`${value.slice(0, 4)}-${value.slice(4)}`);
        expect(result).toEqual({ ok: true, code: value });
      }),
    );
  });

  it.each([
    ["", "empty"],
    [" - ", "empty"],
    ["jAb6LFt", "length"],
    ["jAb6-LFtnn", "length"],
    ["jAb6LFtn2222", "length"],
    ["jAb6LFt0", "character"],
    ["jAb6LFt1", "character"],
    ["jAb6LFtO", "character"],
    ["jAb6LFtI", "character"],
    ["jAb6LFtl", "character"],
    ["jAb6LFtB", "character"],
    ["jAb6_LFtn", "character"],
    ["jAb6.LFtn", "character"],
    ["jAb6LFt\u{1F600}", "character"],
    ["ｊAb6LFtn", "character"],
  ])("refuses %j: %s", (input, problem) => {
    expect(normalizeCodeInput(input)).toEqual({ ok: false, problem });
  });

  it("refuses every character outside the alphabet", () => {
    fc.assert(
      fc.property(code, fc.nat({ max: 7 }), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), (value, position, character) => {
        fc.pre(!RP1_ALPHABET.includes(character) && !/[\s\-\u0085\u00AD\u200B-\u200D\u2060\u2010-\u2015\u2212]/.test(character));
        const input = value.slice(0, position) + character + value.slice(position + 1);
        expect(normalizeCodeInput(input)).toEqual({ ok: false, problem: "character" });
      }),
    );
  });
});

describe("isCode and codesEqual", () => {
  it("isCode accepts exactly 8 alphabet characters", () => {
    expect(isCode("jAb6LFtn")).toBe(true);
    expect(isCode("jAb6-LFtn")).toBe(false);
    expect(isCode("jAb6LFt")).toBe(false);
    expect(isCode("jAb6LFtn\n")).toBe(false);
  });

  it("codesEqual is exact and case-sensitive", () => {
    expect(codesEqual("jAb6LFtn", "jAb6LFtn")).toBe(true);
    expect(codesEqual("jAb6LFtn", "JAb6LFtn")).toBe(false);
    expect(codesEqual("jAb6LFtn", "jAb6LFt")).toBe(false);
    expect(codesEqual("", "")).toBe(true);
    fc.assert(
      fc.property(code, code, (a, b) => {
        expect(codesEqual(a, b)).toBe(a === b);
      }),
    );
  });
});
