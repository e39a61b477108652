import { describe, expect, it } from "vitest";
import { elapsedWords, PHASE_WORDS, rotationWords } from "./decode-words";

describe("decode progress words", () => {
  it("say what is happening in the agent's words, one line per phase", () => {
    expect(PHASE_WORDS["looking-closer"]).toBe("Looking closer at the code…");
    expect(new Set(Object.values(PHASE_WORDS)).size).toBe(Object.keys(PHASE_WORDS).length);
  });
  it("count whole seconds and never past the budget", () => {
    expect(elapsedWords(2400, 6000)).toBe("2 s of up to 6 s");
    expect(elapsedWords(9000, 6000)).toBe("6 s of up to 6 s");
  });
  it("say which way the code is turned", () => {
    expect(rotationWords(0)).toBe("not turned");
    expect(rotationWords(90)).toBe("turned 90° clockwise");
    expect(rotationWords(-15)).toBe("turned 15° anticlockwise");
  });
});
