import { describe, expect, it } from "vitest";
import {
  binarizeLocal,
  checkImage,
  fillQuad,
  grayFromPlanes,
  localNormalize,
  median3,
  resamplePlane,
  resampleRect,
  resampleRgba,
  scaledSize,
  stretchContrast,
  type Gray,
} from "./image-ops";
import { findHotspots } from "./heatmap";
import { blankImage, drawQr, fillRect, lcg, RP1_URL } from "./test-images";

describe("checkImage", () => {
  it("accepts a proper RGBA buffer", () => {
    expect(checkImage(blankImage(30, 30))).toBe("ok");
    expect(checkImage({ data: new Uint8Array(30 * 30 * 4), width: 30, height: 30 })).toBe("ok");
  });
  it("rejects zero sizes, wrong buffer lengths and junk", () => {
    expect(checkImage({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toBe("invalid-image");
    expect(checkImage({ data: new Uint8ClampedArray(100), width: 30, height: 30 })).toBe("invalid-image");
    expect(checkImage({ data: new Uint8ClampedArray(30 * 30 * 4), width: 30.5, height: 30 })).toBe("invalid-image");
    expect(checkImage({ data: [] as unknown as Uint8ClampedArray, width: 0, height: 0 })).toBe("invalid-image");
    expect(checkImage(null)).toBe("invalid-image");
  });
  it("flags images too small to hold a QR code", () => {
    expect(checkImage(blankImage(20, 200))).toBe("too-small");
  });
});

describe("resampling", () => {
  it("area-averages exactly (box filter) for integer ratios", () => {
    // 4×2 checkerboard of 0/255 columns → 2×1: each output averages 2×2 source pixels.
    const img = blankImage(4, 2, [0, 0, 0]);
    for (const x of [1, 3]) for (const y of [0, 1]) img.data.set([255, 255, 255, 255], (y * 4 + x) * 4);
    const p = resampleRect(img, { x: 0, y: 0, w: 4, h: 2 }, 2, 1);
    expect([...p.r]).toEqual([128, 128]);
  });

  it("sums whole k×k blocks for an integer factor, inside a sub-rectangle, leaving < k pixels over", () => {
    const img = blankImage(64, 50);
    const rnd = lcg(3);
    for (let i = 0; i < img.data.length; i++) if ((i & 3) !== 3) img.data[i] = Math.floor(rnd() * 256);
    const p = resampleRect(img, { x: 3, y: 2, w: 61, h: 47 }, 20, 15); // k = 3, one column and two rows over
    for (let oy = 0; oy < 15; oy++) {
      for (let ox = 0; ox < 20; ox++) {
        let g = 0;
        for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) g += img.data[((2 + oy * 3 + dy) * 64 + 3 + ox * 3 + dx) * 4 + 1]!;
        expect(p.g[oy * 20 + ox]).toBe(Math.floor(g / 9 + 0.5));
      }
    }
  });

  it("area-averages with fractional coverage for non-integer ratios (kills moiré)", () => {
    // 1-px stripes (a screen's sub-pixel grid) resampled 3:2 must come out flat grey, not beating.
    const w = 300;
    const src = new Uint8Array(w * 4);
    for (let y = 0; y < 4; y++) for (let x = 0; x < w; x++) src[y * w + x] = x % 2 ? 255 : 0;
    const out = resamplePlane(src, w, 4, 200, 2);
    for (const v of out) expect(Math.abs(v - 127.5)).toBeLessThanOrEqual(43); // (255·(1/3..2/3))
    const mean = out.reduce((a, b) => a + b, 0) / out.length;
    expect(Math.abs(mean - 127.5)).toBeLessThan(2);
  });

  it("upscales bilinearly", () => {
    const img = blankImage(2, 1, [0, 0, 0]);
    img.data.set([200, 200, 200, 255], 4);
    const out = resampleRgba(img, 4, 2);
    expect([out.data[0], out.data[4], out.data[8], out.data[12]]).toEqual([0, 50, 150, 200]);
  });

  it("computes target sizes from the long side", () => {
    expect(scaledSize(4000, 3000, 1000)).toEqual({ width: 1000, height: 750 });
    expect(scaledSize(3000, 4000, 800)).toEqual({ width: 600, height: 800 });
  });
});

describe("channel and contrast operations", () => {
  const planes = { width: 2, height: 1, r: Uint8Array.from([10, 200]), g: Uint8Array.from([20, 100]), b: Uint8Array.from([30, 0]) };
  it("extracts luma / min / max / single channels", () => {
    expect([...grayFromPlanes(planes, "min").data]).toEqual([10, 0]);
    expect([...grayFromPlanes(planes, "max").data]).toEqual([30, 200]);
    expect([...grayFromPlanes(planes, "blue").data]).toEqual([30, 0]);
    const luma = grayFromPlanes(planes, "luma").data;
    expect(luma[0]).toBeCloseTo(0.2126 * 10 + 0.7152 * 20 + 0.0722 * 30, -0.5);
  });

  it("stretches a narrow histogram to the full range", () => {
    const g: Gray = { width: 100, height: 1, data: Uint8Array.from({ length: 100 }, (_, i) => 110 + (i % 20)) };
    stretchContrast(g);
    expect(Math.min(...g.data)).toBe(0);
    expect(Math.max(...g.data)).toBe(255);
  });

  it("local normalisation flattens a strong illumination gradient", () => {
    // Alternating 8-px bars whose brightness ramps from dark to bright across the image.
    const w = 200;
    const h = 20;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = Math.round((x / w) * 200 + (Math.floor(x / 8) % 2 ? 40 : 0));
    const out = localNormalize({ width: w, height: h, data }, 12);
    const bar = (x0: number) => out.data[10 * w + x0 + 4]!;
    // Bars at both ends of the ramp end up on the same side of 128 with similar values.
    expect(bar(16)).toBeLessThan(100);
    expect(bar(176)).toBeLessThan(100);
    expect(bar(8)).toBeGreaterThan(156);
    expect(bar(184)).toBeGreaterThan(156);
  });

  it("median removes a one-pixel line and a speck but keeps 3-pixel bars and their edges", () => {
    const w = 24;
    const h = 9;
    const data = new Uint8Array(w * h);
    // 3-px dark bars on white, a 1-px dark line through the white, one white speck inside a bar.
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = Math.floor(x / 3) % 2 ? 0 : 255;
    for (let x = 0; x < w; x++) data[4 * w + x] = 0;
    data[2 * w + 4] = 255;
    const out = median3({ width: w, height: h, data });
    for (let x = 1; x < w; x += 3) expect(out.data[4 * w + x], `line at x=${x}`).toBe(Math.floor(x / 3) % 2 ? 0 : 255);
    expect(out.data[2 * w + 4]).toBe(0);
    expect([...out.data.subarray(6 * w, 7 * w)]).toEqual([...data.subarray(6 * w, 7 * w)]);
  });

  it("local binarisation follows the local level, not a global one", () => {
    // Bars of 40 vs 70 on the left and of 180 vs 210 on the right: one global cut fails one side.
    const w = 240;
    const h = 10;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = (x < 120 ? 40 : 180) + (Math.floor(x / 6) % 2 ? 30 : 0);
    const out = binarizeLocal({ width: w, height: h, data }, 12);
    for (const x of [9, 33, 177, 201]) expect(out.data[5 * w + x], `x=${x}`).toBe(255);
    for (const x of [3, 27, 171, 195]) expect(out.data[5 * w + x], `x=${x}`).toBe(0);
  });

  it("fills convex quads in either winding", () => {
    const g: Gray = { width: 10, height: 10, data: new Uint8Array(100) };
    fillQuad(
      g,
      [
        { x: 2, y: 2 },
        { x: 2, y: 6 },
        { x: 6, y: 6 },
        { x: 6, y: 2 },
      ],
      9,
    );
    expect(g.data[4 * 10 + 4]).toBe(9);
    expect(g.data[0]).toBe(0);
    expect(g.data[8 * 10 + 8]).toBe(0);
  });
});

describe("heat map", () => {
  it("also proposes the tight core of a code that merges with the text around it", () => {
    const img = blankImage(400, 300, [200, 200, 200]);
    // A dialog full of small text with the code in the middle of it (the rest of the photo is flat).
    for (let y = 70; y < 270; y += 5) for (let x = 170; x < 390; x += 4) if ((x * 7 + y * 3) % 5) fillRect(img, x, y, 2, 3, [60, 60, 60]);
    drawQr(img, RP1_URL, { x: 230, y: 120, module: 1.6, quiet: 2 });
    const gray = grayFromPlanes(resampleRect(img, { x: 0, y: 0, w: 400, h: 300 }, 400, 300), "luma");
    const spots = findHotspots(gray, 4);
    const code = { x: 230, y: 120, side: 57 * 1.6 };
    const covers = (r: { x: number; y: number; w: number; h: number }) =>
      r.x <= code.x && r.y <= code.y && r.x + r.w >= code.x + code.side && r.y + r.h >= code.y + code.side;
    expect(spots[0]!.rect.w).toBeGreaterThan(2 * code.side); // the merged component
    const tight = spots.find((h) => covers(h.rect) && h.rect.w < 2 * code.side);
    expect(tight, JSON.stringify(spots)).toBeDefined();
  });

  it("points at the QR code in a mostly flat image", () => {
    const img = blankImage(400, 300, [200, 200, 200]);
    drawQr(img, RP1_URL, { x: 260, y: 160, module: 2 });
    const gray = grayFromPlanes(resampleRect(img, { x: 0, y: 0, w: 400, h: 300 }, 400, 300), "luma");
    const [best] = findHotspots(gray, 2);
    expect(best).toBeDefined();
    const cx = best!.rect.x + best!.rect.w / 2;
    const cy = best!.rect.y + best!.rect.h / 2;
    expect(Math.abs(cx - (260 + 57))).toBeLessThan(25);
    expect(Math.abs(cy - (160 + 57))).toBeLessThan(25);
  });
});
