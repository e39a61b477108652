import jsQR from "jsqr";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { applyHomography, homographyFromQuads } from "@/bench/qr/synth";
import { gridRectify, gridSizes, polishCorners, redrawSymbol, refineQuad } from "./grid";
import { binarizeLocal, grayToRgba, type Gray } from "./image-ops";
import { findSymbolQuads, mapPoint, type SymbolQuad } from "./rectify";
import { lcg, RP1_URL } from "./test-images";
import type { Point } from "./types";

type Quad = [Point, Point, Point, Point];
const MODULES = QRCode.create(RP1_URL, { errorCorrectionLevel: "M" }).modules;
const N = MODULES.size;

/**
 * A gray photo of the symbol warped onto `quad` (4×4 supersampled, so edges blend as a camera's
 * pixels do), optionally with a moiré-like interference pattern (a sinusoid whose period is
 * shorter than a module) and noise.
 */
function photo(quad: Quad, o: { moire?: number; noise?: number; light?: boolean; width?: number; height?: number } = {}): Gray {
  const width = o.width ?? 320;
  const height = o.height ?? 260;
  const toModules = homographyFromQuads(quad, [
    { x: 0, y: 0 },
    { x: N, y: 0 },
    { x: N, y: N },
    { x: 0, y: N },
  ]);
  const rnd = lcg(3);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let dark = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const m = applyHomography(toModules, { x: x + (sx + 0.5) / 4, y: y + (sy + 0.5) / 4 });
          const c = Math.floor(m.x);
          const r = Math.floor(m.y);
          if (c >= 0 && r >= 0 && c < N && r < N && MODULES.get(r, c)) dark++;
        }
      let v = o.light ? 30 + (200 * dark) / 16 : 230 - (200 * dark) / 16;
      if (o.moire) v += o.moire * Math.sin((x * 2.1 + y * 0.9) * 1.9);
      if (o.noise) v += (rnd() * 2 - 1) * o.noise;
      data[y * width + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return { width, height, data };
}

const readsWithJsQr = (g: Gray) =>
  jsQR(grayToRgba(g, { buf: new Uint8ClampedArray(0) }), g.width, g.height, { inversionAttempts: "attemptBoth" })?.data ?? null;

/** About 3.2 px per module, keystoned: the far edge 20% shorter than the near one. */
const KEYSTONE: Quad = [
  { x: 90, y: 40 },
  { x: 250, y: 52 },
  { x: 262, y: 225 },
  { x: 70, y: 215 },
];

describe("gridSizes", () => {
  it("offers the estimate's version first, then its neighbours, all valid QR sizes", () => {
    expect(gridSizes(57)).toEqual([57, 53, 61]);
    expect(gridSizes(54.6)).toEqual([53, 49, 57]);
    expect(gridSizes(21)).toEqual([21, 25]);
    expect(gridSizes(400)).toEqual([177, 173]);
  });
});

describe("redrawSymbol", () => {
  it("reads every module of a clean upright symbol", () => {
    const side = 4 * N;
    const quad: Quad = [
      { x: 20, y: 20 },
      { x: 20 + side, y: 20 },
      { x: 20 + side, y: 20 + side },
      { x: 20, y: 20 + side },
    ];
    const g = photo(quad, { width: side + 40, height: side + 40 });
    const drawn = redrawSymbol(g, { corners: quad, modules: N }, false)!;
    expect(drawn.width).toBe((N + 8) * 4);
    let wrong = 0;
    for (let r = 0; r < N; r++)
      for (let c = 0; c < N; c++) {
        const isDark = drawn.data[((r + 4) * 4 + 2) * drawn.width + (c + 4) * 4 + 2] === 0;
        if (isDark !== !!MODULES.get(r, c)) wrong++;
      }
    expect(wrong).toBe(0);
  });

  it("reads a keystoned symbol under moiré and noise that jsQR alone cannot", () => {
    const g = photo(KEYSTONE, { moire: 70, noise: 30 });
    expect(readsWithJsQr(g)).toBeNull();
    const drawn = redrawSymbol(g, { corners: KEYSTONE, modules: N }, false)!;
    expect(readsWithJsQr(drawn)).toBe(RP1_URL);
  });

  it("draws a light-on-dark symbol dark-on-light", () => {
    const g = photo(KEYSTONE, { light: true });
    const drawn = redrawSymbol(g, { corners: KEYSTONE, modules: N }, true)!;
    const code = jsQR(grayToRgba(drawn, { buf: new Uint8ClampedArray(0) }), drawn.width, drawn.height, { inversionAttempts: "dontInvert" });
    expect(code?.data).toBe(RP1_URL);
  });

  it("refuses a quad that leaves the image", () => {
    const g = photo(KEYSTONE);
    const off: Quad = [KEYSTONE[0], { x: 400, y: 52 }, KEYSTONE[2], KEYSTONE[3]];
    expect(redrawSymbol(g, { corners: off, modules: N }, false)).toBeNull();
  });
});

describe("refineQuad", () => {
  it("finds the bottom-right corner and module count that the finders leave open", () => {
    const g = photo(KEYSTONE, { moire: 40, noise: 15 });
    const [tl, tr, br, bl] = KEYSTONE;
    // What the finders alone give: the parallelogram corner (28 px off) and a count one version off.
    const guess: SymbolQuad = { corners: [tl, tr, { x: tr.x + bl.x - tl.x, y: tr.y + bl.y - tl.y }, bl], modules: N - 4 };
    expect(Math.hypot(guess.corners[2].x - br.x, guess.corners[2].y - br.y)).toBeGreaterThan(20);
    expect(redrawSymbol(g, guess, false)).not.toBeNull();
    expect(readsWithJsQr(redrawSymbol(g, guess, false)!)).toBeNull();
    const [best] = refineQuad(g, guess, false, 1);
    expect(best!.quad.modules).toBe(N);
    const modulePx = Math.hypot(br.x - bl.x, br.y - bl.y) / N;
    expect(Math.hypot(best!.quad.corners[2].x - br.x, best!.quad.corners[2].y - br.y)).toBeLessThan(modulePx);
  });
});

describe("polishCorners", () => {
  it("moves corners that are a third of a module off back towards the symbol's", () => {
    const g = photo(KEYSTONE, { moire: 40, noise: 15 });
    const off = (p: Point, dx: number, dy: number) => ({ x: p.x + dx, y: p.y + dy });
    const start: SymbolQuad = {
      corners: [off(KEYSTONE[0], 1.2, -1), off(KEYSTONE[1], -1, 1.2), off(KEYSTONE[2], 1.2, 1.2), off(KEYSTONE[3], -1.2, -1)],
      modules: N,
    };
    const error = (q: SymbolQuad) => q.corners.reduce((s, p, i) => s + Math.hypot(p.x - KEYSTONE[i]!.x, p.y - KEYSTONE[i]!.y), 0);
    const polished = polishCorners(g, start);
    expect(polished.modules).toBe(N);
    expect(error(polished)).toBeLessThan(error(start) / 2);
    expect(readsWithJsQr(redrawSymbol(g, polished, false)!)).toBe(RP1_URL);
  });

  it("brings back a corner a whole module off (a finder placed from its centre alone), where quarter-module steps stop short", () => {
    const g = photo(KEYSTONE, { moire: 40, noise: 15 });
    const modulePx = Math.hypot(KEYSTONE[1].x - KEYSTONE[0].x, KEYSTONE[1].y - KEYSTONE[0].y) / N;
    const off = modulePx;
    const start: SymbolQuad = {
      corners: [{ x: KEYSTONE[0].x + off, y: KEYSTONE[0].y }, KEYSTONE[1], KEYSTONE[2], { x: KEYSTONE[3].x, y: KEYSTONE[3].y + off }],
      modules: N,
    };
    expect(readsWithJsQr(redrawSymbol(g, start, false)!)).toBeNull();
    const polished = polishCorners(g, start);
    for (const i of [0, 3]) expect(Math.hypot(polished.corners[i]!.x - KEYSTONE[i]!.x, polished.corners[i]!.y - KEYSTONE[i]!.y)).toBeLessThan(modulePx / 2);
    expect(readsWithJsQr(redrawSymbol(g, polished, false)!)).toBe(RP1_URL);
  });
});

describe("gridRectify", () => {
  it("locates, redraws and maps the symbol's corners back into the photo", () => {
    const g = photo(KEYSTONE, { moire: 60, noise: 15 });
    expect(readsWithJsQr(g)).toBeNull();
    // Finders as the pipeline finds them: on a local threshold of the photo.
    const quads = findSymbolQuads(binarizeLocal(g, Math.round(g.width / 12)), 2);
    expect(quads.length).toBeGreaterThan(0);
    const results = quads.flatMap((q) => gridRectify(g, q, false));
    const read = results.find((r) => readsWithJsQr(r.gray) === RP1_URL);
    expect(read).toBeDefined();
    const corner = mapPoint(read!.toImage, 1, 1);
    expect(Math.hypot(corner.x - KEYSTONE[2].x, corner.y - KEYSTONE[2].y)).toBeLessThan(4);
    expect(read!.gray.width).toBe(read!.side + 2 * read!.margin);
  });
});
