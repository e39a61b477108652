import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { applyHomography, homographyFromQuads } from "@/bench/qr/synth";
import { grayToRgba, type Gray } from "./image-ops";
import { finderCorners, findFinders, findSymbolQuads, invert3, mapPoint, rectify, squareToQuad } from "./rectify";
import { blankImage, drawQr, RP1_URL } from "./test-images";
import type { Point } from "./types";

type Quad = [Point, Point, Point, Point];

/** A binary image (0 = dark) of `text` drawn upright, then warped so the symbol's corners land on `quad`. */
function keystoned(quad: Quad, opts: { width?: number; height?: number; light?: boolean } = {}): Gray {
  const px = 6;
  const src = blankImage(57 * px + 80, 57 * px + 80);
  const c = drawQr(src, RP1_URL, { x: 40, y: 40, module: px });
  const symbol = [c.topLeft, c.topRight, c.bottomRight, c.bottomLeft];
  // Independent of the code under test: the benchmark generator's own homography.
  const toSrc = homographyFromQuads(quad, symbol);
  const width = opts.width ?? 480;
  const height = opts.height ?? 360;
  const data = new Uint8Array(width * height).fill(opts.light ? 0 : 255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = applyHomography(toSrc, { x: x + 0.5, y: y + 0.5 });
      const sx = Math.floor(p.x);
      const sy = Math.floor(p.y);
      if (sx < 0 || sy < 0 || sx >= src.width || sy >= src.height) continue;
      const dark = src.data[(sy * src.width + sx) * 4]! < 128;
      data[y * width + x] = dark !== !!opts.light ? 0 : 255;
    }
  }
  return { width, height, data };
}

const TRAPEZOID: Quad = [
  { x: 140, y: 50 },
  { x: 340, y: 50 },
  { x: 410, y: 320 },
  { x: 70, y: 320 },
];

describe("rectify — homography", () => {
  it("maps the unit square onto the quad and back", () => {
    const h = squareToQuad(TRAPEZOID);
    const inv = invert3(h);
    const unit = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ] as const;
    unit.forEach(([u, v], i) => {
      const p = mapPoint(h, u, v);
      expect(p.x).toBeCloseTo(TRAPEZOID[i]!.x, 6);
      expect(p.y).toBeCloseTo(TRAPEZOID[i]!.y, 6);
      const back = mapPoint(inv, p.x, p.y);
      expect(back.x).toBeCloseTo(u, 6);
      expect(back.y).toBeCloseTo(v, 6);
    });
  });

  it("keeps an affine quad affine", () => {
    const h = squareToQuad([
      { x: 10, y: 20 },
      { x: 110, y: 30 },
      { x: 100, y: 130 },
      { x: 0, y: 120 },
    ]);
    expect(h[2]).toBe(0);
    expect(h[5]).toBe(0);
    expect(mapPoint(h, 0.5, 0.5)).toEqual({ x: 55, y: 75 });
  });
});

describe("rectify — locating a keystoned symbol", () => {
  it("finds the three finder patterns", () => {
    const finders = findFinders(keystoned(TRAPEZOID));
    expect(finders.length).toBeGreaterThanOrEqual(3);
    // The finder centres sit 3.5 modules in from the symbol's TL, TR and BL corners.
    const h = homographyFromQuads(
      [
        { x: 0, y: 0 },
        { x: 57, y: 0 },
        { x: 57, y: 57 },
        { x: 0, y: 57 },
      ],
      TRAPEZOID,
    );
    for (const m of [
      { x: 3.5, y: 3.5 },
      { x: 53.5, y: 3.5 },
      { x: 3.5, y: 53.5 },
    ]) {
      const want = applyHomography(h, m);
      const nearest = Math.min(...finders.map((f) => Math.hypot(f.x - want.x, f.y - want.y)));
      expect(nearest).toBeLessThan(3);
    }
  });

  it("puts the finders' outer corners within two pixels and the fourth corner within a module", () => {
    const [quad] = findSymbolQuads(keystoned(TRAPEZOID));
    expect(quad).toBeDefined();
    const err = quad!.corners.map((p, i) => Math.hypot(p.x - TRAPEZOID[i]!.x, p.y - TRAPEZOID[i]!.y));
    for (const i of [0, 1, 3]) expect(err[i]).toBeLessThan(2);
    // The bottom-right corner is where two finder edges meet: a parallelogram would put it at
    // (270, 320), 140 px off.
    expect(err[2]).toBeLessThan(340 / 57);
    expect(Math.abs(quad!.modules - 57)).toBeLessThanOrEqual(8);
  });

  it("still places a finder whose ring cannot be traced (it touches something dark)", () => {
    const bin = keystoned(TRAPEZOID);
    // A dark bar in the quiet zone, touching the top-right finder's outer ring at its corner.
    for (let y = 40; y < 52; y++) bin.data.fill(0, y * bin.width + 338, y * bin.width + 440);
    const finders = findFinders(bin);
    const topRight = finders.reduce((a, b) => (Math.hypot(b.x - 340, b.y - 50) < Math.hypot(a.x - 340, a.y - 50) ? b : a));
    expect(finderCorners(bin, topRight)).toBeNull();
    const [quad] = findSymbolQuads(bin);
    expect(quad).toBeDefined();
    const modulePx = 200 / 57;
    // Implied from the finder's centre and module size along the symbol's axes.
    expect(Math.hypot(quad!.corners[1].x - 340, quad!.corners[1].y - 50)).toBeLessThan(2 * modulePx);
    expect(Math.hypot(quad!.corners[0].x - 140, quad!.corners[0].y - 50)).toBeLessThan(2);
  });

  it("places a symbol none of whose finder rings can be traced, when loose, from the finders' centres", () => {
    const bin = keystoned(TRAPEZOID);
    // Dark bars in the quiet zone, each touching one finder's outer ring at its outer corner.
    const bar = (x0: number, x1: number, y0: number, y1: number) => {
      for (let y = y0; y < y1; y++) bin.data.fill(0, y * bin.width + x0, y * bin.width + x1);
    };
    bar(100, 142, 40, 52);
    bar(338, 380, 40, 52);
    bar(40, 72, 306, 330);
    for (const f of findFinders(bin)) expect(finderCorners(bin, f)).toBeNull();
    expect(findSymbolQuads(bin)).toHaveLength(0);
    const [quad] = findSymbolQuads(bin, 2, { loose: true });
    expect(quad).toBeDefined();
    const modulePx = 200 / 57;
    for (const i of [0, 1, 3]) expect(Math.hypot(quad!.corners[i]!.x - TRAPEZOID[i]!.x, quad!.corners[i]!.y - TRAPEZOID[i]!.y)).toBeLessThan(2 * modulePx);
  });

  it("completes a symbol whose third finder breaks the run ratios, when loose, where a finder-shaped template still fits", () => {
    // A milder keystone than TRAPEZOID: the pair's square guess is a few modules off, not fourteen.
    const quad: Quad = [
      { x: 120, y: 50 },
      { x: 330, y: 62 },
      { x: 345, y: 300 },
      { x: 105, y: 285 },
    ];
    const bin = keystoned(quad);
    const bottomLeft = mapPoint(squareToQuad(quad), 3.5 / 57, 53.5 / 57);
    // Moiré-like light lines every fourth row across the bottom-left finder: no column through it
    // keeps its 1:1:3:1:1 runs, but most of each module keeps its shade.
    const r = 28;
    for (let y = Math.round(bottomLeft.y - r); y < bottomLeft.y + r; y++)
      for (let x = Math.round(bottomLeft.x - r); x < bottomLeft.x + r; x++) if (y % 4 === 0) bin.data[y * bin.width + x] = 255;
    const near = (p: Point, q: Point, d: number) => Math.hypot(p.x - q.x, p.y - q.y) < d;
    const modulePx = 210 / 57;
    expect(findFinders(bin).some((f) => near(f, bottomLeft, 3 * modulePx))).toBe(false);
    const onSymbol = (q: { corners: Point[] }) => [0, 1, 3].every((i) => near(q.corners[i]!, quad[i]!, 2 * modulePx));
    expect(findSymbolQuads(bin).filter(onSymbol)).toHaveLength(0);
    expect(findSymbolQuads(bin, 2, { loose: true }).filter(onSymbol)).toHaveLength(1);
  });

  it("drops loose candidates larger than version 20, and keeps strict ones", () => {
    // An upright 101-module symbol at 3 px per module, as a binary image.
    const px = 3;
    const src = blankImage(101 * px + 40, 101 * px + 40);
    drawQr(src, "x".repeat(700), { x: 20, y: 20, module: px });
    const bin: Gray = { width: src.width, height: src.height, data: new Uint8Array(src.width * src.height) };
    for (let i = 0; i < bin.data.length; i++) bin.data[i] = src.data[i * 4]! < 128 ? 0 : 255;
    const big = (q: { modules: number }) => q.modules > 97;
    expect(findSymbolQuads(bin).filter(big)).toHaveLength(1);
    // The same symbol with every finder ring touching a dark bar: only loose mode could take it.
    const side = 101 * px;
    for (const [x, y] of [
      [20, 20],
      [20 + side - 1, 20],
      [20, 20 + side - 1],
    ] as const)
      for (let yy = y - 2; yy < y + 1; yy++) bin.data.fill(0, yy * bin.width + Math.max(0, x - 19), yy * bin.width + x + 20);
    expect(findSymbolQuads(bin)).toHaveLength(0);
    expect(findSymbolQuads(bin, 2, { loose: true }).filter(big)).toHaveLength(0);
  });

  it("finds a light-on-dark symbol once the binary image is inverted, and not before", () => {
    const onSymbol = (q: { corners: Point[] }) => q.corners.every((p, i) => Math.hypot(p.x - TRAPEZOID[i]!.x, p.y - TRAPEZOID[i]!.y) < 340 / 57);
    const bin = keystoned(TRAPEZOID, { light: true });
    expect(findSymbolQuads(bin).filter(onSymbol)).toHaveLength(0);
    for (let i = 0; i < bin.data.length; i++) bin.data[i] = 255 - bin.data[i]!;
    expect(findSymbolQuads(bin).filter(onSymbol)).toHaveLength(1);
  });

  it("finds nothing in an image without a code", () => {
    const bin: Gray = { width: 300, height: 200, data: new Uint8Array(300 * 200).fill(255) };
    for (let y = 40; y < 160; y += 12) bin.data.fill(0, y * 300 + 20, y * 300 + 280);
    expect(findSymbolQuads(bin)).toHaveLength(0);
  });

  it("resamples the symbol upright, where jsQR reads it, and maps points back", () => {
    const bin = keystoned(TRAPEZOID);
    const [quad] = findSymbolQuads(bin);
    const r = rectify(bin, quad!);
    const code = jsQR(grayToRgba(r.gray, { buf: new Uint8ClampedArray(0) }), r.gray.width, r.gray.height, { inversionAttempts: "dontInvert" });
    expect(code?.data).toBe(RP1_URL);
    // The rectified image's symbol corner (margin, margin) is the photo's TL corner.
    const tl = mapPoint(r.toImage, 0, 0);
    expect(Math.hypot(tl.x - TRAPEZOID[0].x, tl.y - TRAPEZOID[0].y)).toBeLessThan(2);
    expect(r.gray.width).toBe(r.side + 2 * r.margin);
  });
});
