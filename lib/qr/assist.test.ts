import { describe, expect, it } from "vitest";
import { jsqrEngine } from "./engines";
import { DEFAULT_PASSES } from "./passes";
import { decodeQr, decodeQrAsync, passPhase, PHASE_WORDS } from "./pipeline";
import { nodeZxingEngine } from "./server/zxing-node";
import { blankImage, cornerDistance, drawQr, isRp1Url, RP1_URL } from "./test-images";
import type { DecodePhase, DecodeResult } from "./types";

const BIG = { timeBudgetMs: 60_000 };
const OTHER_RP1 = RP1_URL.replace("2MN8X-2411-000123", "7QK2P-2501-000999");
const HELP = "https://support.example.com/help/retrieve-password?lang=en";
const accept = isRp1Url;

describe("manual assist: region", () => {
  it("decodes only inside the box and reports corners in input coordinates", () => {
    const img = blankImage(700, 320);
    drawQr(img, RP1_URL, { x: 40, y: 60, module: 3 });
    const right = drawQr(img, OTHER_RP1, { x: 420, y: 60, module: 3 });
    const r = decodeQr(img, { ...BIG, accept, region: { x: 360, y: 0, width: 340, height: 320 } });
    expect(r.ok && r.text).toBe(OTHER_RP1);
    if (r.ok) expect(cornerDistance(r.corners, right)).toBeLessThan(4);
  });

  it("clips a box that reaches past the image, and refuses one that is not a box or lies outside", () => {
    const img = blankImage(320, 320);
    drawQr(img, RP1_URL, { x: 50, y: 50, module: 3.5 });
    expect(decodeQr(img, { ...BIG, region: { x: 20, y: 20, width: 5000, height: 5000 } })).toMatchObject({ ok: true, text: RP1_URL });
    for (const region of [
      { x: 400, y: 0, width: 100, height: 100 },
      { x: 0, y: 0, width: -5, height: 100 },
      { x: Number.NaN, y: 0, width: 100, height: 100 },
    ]) {
      const r = decodeQr(img, { ...BIG, region });
      expect(r).toMatchObject({ ok: false, reason: "invalid-options" });
      expect(!r.ok && r.message).toMatch(/region/);
    }
    expect(decodeQr(img, { ...BIG, region: { x: 0, y: 0, width: 10, height: 10 } })).toMatchObject({ ok: false, reason: "too-small" });
  });
});

describe("manual assist: rotation", () => {
  it("turns the image and still reports corners where the symbol is in the input", () => {
    const img = blankImage(420, 300);
    const truth = drawQr(img, RP1_URL, { x: 150, y: 40, module: 3 });
    for (const rotation of [90, 180, 270] as const) {
      const r = decodeQr(img, { ...BIG, rotation });
      expect(r.ok && r.text).toBe(RP1_URL);
      // Same symbol, same place: the set of corners matches (which one jsQR calls "top left" turns with the image).
      if (r.ok) {
        const got = Object.values(r.corners);
        for (const p of Object.values(truth)) expect(Math.min(...got.map((q) => Math.hypot(q.x - p.x, q.y - p.y)))).toBeLessThan(4);
      }
    }
    expect(decodeQr(img, { ...BIG, rotation: 45 as 90 })).toMatchObject({ ok: false, reason: "invalid-options" });
  });

  it("combines a region with a rotation", () => {
    const img = blankImage(700, 320);
    drawQr(img, HELP, { x: 40, y: 60, module: 3 });
    const truth = drawQr(img, RP1_URL, { x: 420, y: 60, module: 3 });
    const r = decodeQr(img, { ...BIG, region: { x: 380, y: 20, width: 300, height: 290 }, rotation: 270 });
    expect(r.ok && r.text).toBe(RP1_URL);
    if (r.ok) expect(Math.min(...Object.values(r.corners).map((q) => Math.hypot(q.x - truth.topLeft.x, q.y - truth.topLeft.y)))).toBeLessThan(4);
  });
});

describe("several codes in one photo", () => {
  function photo(texts: string[]) {
    const img = blankImage(340 * texts.length, 320);
    texts.forEach((t, i) => drawQr(img, t, { x: 40 + 340 * i, y: 60, module: 3 }));
    return img;
  }
  const engineSets = [
    ["jsQR", [jsqrEngine]],
    ["jsQR + zxing-cpp", [jsqrEngine, nodeZxingEngine()]],
  ] as const;

  for (const [label, engines] of engineSets) {
    it(`chooses the reset challenge over another code (${label})`, async () => {
      const r = await decodeQrAsync(photo([HELP, RP1_URL]), { ...BIG, accept, engines });
      expect(r.ok && [r.text, r.candidates]).toEqual([RP1_URL, undefined]);
    });

    it(`lists every distinct challenge so that the agent can pick (${label})`, async () => {
      const r: DecodeResult = await decodeQrAsync(photo([RP1_URL, HELP, OTHER_RP1]), { ...BIG, accept, engines });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.candidates?.map((c) => c.text).sort()).toEqual([RP1_URL, OTHER_RP1].sort());
      expect(r.candidates![0]!.text).toBe(r.text);
      // Each candidate's corners are where its own symbol is.
      for (const c of r.candidates!) expect(c.corners.topLeft.x < 340 === (c.text === RP1_URL)).toBe(true);
    });
  }

  it("the same challenge twice is one answer, not a choice", () => {
    const r = decodeQr(photo([RP1_URL, RP1_URL]), { ...BIG, accept });
    expect(r.ok && [r.text, r.candidates]).toEqual([RP1_URL, undefined]);
  });
});

describe("progress", () => {
  it("reports a phase with every pass, in words the agent understands", async () => {
    const phases: DecodePhase[] = [];
    // Nothing to find: every pass runs; a clock that stands still keeps a busy machine out of "trying-harder".
    await decodeQrAsync(blankImage(200, 200), {
      now: () => 0,
      engines: [jsqrEngine, nodeZxingEngine()],
      onProgress: (_i, _n, _p, phase) => phases.push(phase!),
    });
    expect(phases[0]).toBe("reading");
    expect(new Set(phases)).toEqual(new Set(["reading", "looking-closer", "second-reader"]));
    expect(PHASE_WORDS["looking-closer"]).toBe("Looking closer at the code…");
    expect(passPhase(DEFAULT_PASSES[0]!, 2500)).toBe("trying-harder");
  });
});
