import { describe, expect, it } from "vitest";
import { hardSetSpecs, loadRgba, renderFixture, truthCorners } from "@/bench/qr/fixtures";
import { makeRng, photograph, qrQuadOnSensor, renderScreen, rgbToRgba } from "@/bench/qr/synth";
import { resampleRgba } from "./image-ops";
import { DEFAULT_PASSES } from "./passes";
import { decodeQr, decodeQrAsync, mayStartAttempt } from "./pipeline";
import { addClutter, addGlare, addNoise, blankImage, cornerDistance, drawQr, isRp1Url, RP1_URL, subpixelStripes } from "./test-images";
import type { DecodeResult, PassDescriptor, RgbaImage } from "./types";

const BIG_BUDGET = { timeBudgetMs: 60_000 };
const expectText = (r: DecodeResult, text = RP1_URL) => {
  expect(r.ok ? r.text : r.reason).toBe(text);
};

/** A clean QR code on a plain background, ~4.5 px per module. */
function simple(opts: { dark?: [number, number, number]; light?: [number, number, number]; bg?: [number, number, number]; module?: number } = {}): RgbaImage {
  const img = blankImage(400, 400, opts.bg ?? [255, 255, 255]);
  drawQr(img, RP1_URL, { x: 60, y: 60, module: opts.module ?? 4.5, dark: opts.dark, light: opts.light });
  return img;
}

/**
 * A phone photo of the recorder's dialog, with the benchmark generator's camera model (sub-pixel
 * stripes, blur in linear light, Bayer). `quad`: where the symbol's TL, TR, BR, BL corners land.
 */
function screenPhoto(o: { seed: number; theme: "light" | "dark"; blur: number; exposure: number; quad?: { x: number; y: number }[] }): RgbaImage {
  const rng = makeRng(o.seed);
  const screen = renderScreen({ text: RP1_URL, theme: o.theme, modulePx: 4, width: 800, height: 600 }, rng);
  const cam = {
    width: 480,
    height: 360,
    qrQuad: o.quad ?? qrQuadOnSensor({ x: 240, y: 180 }, 280, 0.1, 0.05, rng),
    subpixel: { fill: 0.75, rowFill: 0.85 },
    ss: 2,
    blur: o.blur,
    exposure: o.exposure,
    veil: 0.02,
    cast: [1, 1, 1] as [number, number, number],
    vignette: 0.2,
    noise: 3,
    bayer: true,
  };
  const photo = photograph(screen, cam, rng);
  return rgbToRgba(photo.rgb, photo.width, photo.height);
}

/** A seed whose keystoned photo (below) no full-image pass reads: see the "rectify" test. */
const KEYSTONE_SEED = 5;

const darkThemePhoto = (seed: number, blur: number, exposure: number) => screenPhoto({ seed, theme: "dark", blur, exposure });

describe("decodeQr — basics", () => {
  it("decodes a clean image on the first pass and reports timings", () => {
    const r = decodeQr(simple(), BIG_BUDGET);
    expectText(r);
    expect(r.ok && r.pass).toBe(DEFAULT_PASSES[0]!.name);
    expect(r.timings.passes.map((p) => p.pass)).toEqual([DEFAULT_PASSES[0]!.name]);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(0);
  });

  it("rejects invalid images", () => {
    for (const img of [
      { data: new Uint8ClampedArray(0), width: 0, height: 0 },
      { data: new Uint8ClampedArray(10), width: 100, height: 100 },
      { data: new Uint8ClampedArray(400), width: -10, height: -10 },
      null as unknown as RgbaImage,
    ]) {
      const r = decodeQr(img);
      expect(r).toMatchObject({ ok: false, reason: "invalid-image" });
      expect(r.timings.passes).toEqual([]);
    }
  });

  it("rejects images too small to hold a QR code", () => {
    expect(decodeQr(blankImage(16, 16))).toMatchObject({ ok: false, reason: "too-small" });
  });

  it("reports not-found when every pass ran", () => {
    const img = blankImage(200, 150, [120, 120, 120]);
    addClutter(img, 80);
    const r = decodeQr(img, BIG_BUDGET);
    expect(r).toMatchObject({ ok: false, reason: "not-found" });
    expect(r.timings.passes.length).toBeGreaterThan(3);
  });

  it("runs the async variant to the same result", async () => {
    const r = await decodeQrAsync(simple(), BIG_BUDGET);
    expectText(r);
  });
});

describe("decodeQr — budget, cancel and progress", () => {
  const noQr = () => {
    const img = blankImage(240, 180, [120, 120, 120]);
    addClutter(img, 60);
    return img;
  };

  it("stops with 'timeout' once the injected clock passes the budget", () => {
    let t = 0;
    const r = decodeQr(noQr(), { timeBudgetMs: 250, now: () => (t += 50) });
    expect(r).toMatchObject({ ok: false, reason: "timeout" });
    // Every clock read advances 50 ms: t0=50, the check before pass 1 (100), its start (150) and
    // end (200), pass 2's check (250) and so on — only a couple of passes fit in 250 ms.
    expect(r.timings.passes.length).toBeGreaterThanOrEqual(1);
    expect(r.timings.passes.length).toBeLessThanOrEqual(2);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(250);
  });

  it("starts an attempt only when an average one would still end inside the budget", () => {
    expect(mayStartAttempt(0, 900, 0, 0)).toBe(true);
    expect(mayStartAttempt(899, 900, 0, 0)).toBe(true); // nothing timed yet: only the budget counts
    expect(mayStartAttempt(900, 900, 0, 0)).toBe(false);
    expect(mayStartAttempt(700, 900, 300, 2)).toBe(true); // 700 + 150 ≤ 900
    expect(mayStartAttempt(800, 900, 300, 2)).toBe(false); // 800 + 150 > 900: it would overrun
  });

  it("a zero budget runs nothing", () => {
    const r = decodeQr(simple(), { timeBudgetMs: 0, now: () => 1000 });
    expect(r).toMatchObject({ ok: false, reason: "timeout" });
    expect(r.timings.passes).toEqual([]);
  });

  it("does not time out while the clock stands still", () => {
    const r = decodeQr(noQr(), { timeBudgetMs: 1, now: () => 0 });
    expect(r).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("cancels before the first pass and between passes", () => {
    expect(decodeQr(simple(), { signal: { aborted: true } })).toMatchObject({ ok: false, reason: "cancelled" });
    const signal = { aborted: false };
    const seen: string[] = [];
    const r = decodeQr(noQr(), {
      ...BIG_BUDGET,
      signal,
      onProgress: (i, n, name) => {
        seen.push(`${i}/${n}:${name}`);
        if (i === 1) signal.aborted = true;
      },
    });
    expect(r).toMatchObject({ ok: false, reason: "cancelled" });
    expect(seen).toHaveLength(2);
    expect(r.timings.passes.length).toBeLessThanOrEqual(2);
  });

  it("calls onProgress with index, count and name for every pass", () => {
    const calls: [number, number, string][] = [];
    decodeQr(noQr(), { ...BIG_BUDGET, onProgress: (i, n, name) => calls.push([i, n, name]) });
    expect(calls.length).toBeGreaterThan(3);
    calls.forEach(([i, n], k) => {
      expect(i).toBe(k);
      expect(n).toBe(calls.length);
    });
    expect(calls[0]![2]).toBe(DEFAULT_PASSES[0]!.name);
  });

  it("follows a custom pass order", () => {
    const custom: PassDescriptor[] = [
      { name: "first", longSide: 300, region: { kind: "full" }, channel: "luma", contrast: "none", inversion: "onlyInvert" },
      { name: "second", longSide: 400, region: { kind: "full" }, channel: "luma", contrast: "none", inversion: "dontInvert" },
    ];
    const r = decodeQr(simple(), { passes: custom });
    expect(r.ok && r.pass).toBe("second");
    expect(r.timings.passes.map((p) => p.pass)).toEqual(["first", "second"]);
  });
});

describe("decodeQr — accept predicate", () => {
  it("skips a non-RP1 code and finds the RP1 code in the same photo", () => {
    const help = "https://support.example.com/help/retrieve-password";
    const img = blankImage(900, 500, [235, 235, 235]);
    drawQr(img, help, { x: 60, y: 60, module: 6 });
    drawQr(img, RP1_URL, { x: 480, y: 90, module: 5 });
    // Without a predicate the first pass locks onto the bigger help code.
    const plain = decodeQr(img, BIG_BUDGET);
    expect(plain.ok && plain.text).toBe(help);
    const seen: string[] = [];
    const r = decodeQr(img, { ...BIG_BUDGET, accept: (t) => (seen.push(t), isRp1Url(t)) });
    expectText(r);
    expect(seen[0]).toBe(help);
    // The refused code was masked out, so the same pass went on to find the RP1 code.
    expect(r.ok && r.pass).toBe(plain.ok && plain.pass);
  });

  it("reports the refused texts when nothing acceptable is found", () => {
    const img = blankImage(400, 400);
    drawQr(img, "WIFI:S:guest;T:WPA;P:hunter22;;", { x: 80, y: 80, module: 8 });
    const r = decodeQr(img, { ...BIG_BUDGET, accept: isRp1Url });
    expect(r).toMatchObject({ ok: false, reason: "not-found", rejected: ["WIFI:S:guest;T:WPA;P:hunter22;;"] });
  });
});

describe("decodeQr — each pass type earns its place", () => {
  const only = (p: Partial<PassDescriptor>): PassDescriptor[] => [
    { name: "probe", longSide: 800, region: { kind: "full" }, channel: "luma", contrast: "none", inversion: "attemptBoth", ...p },
  ];
  const ok = (img: RgbaImage, p: Partial<PassDescriptor>) => decodeQr(img, { ...BIG_BUDGET, passes: only(p) }).ok;

  it("inversion: a light-on-dark code needs an inverting pass", () => {
    const img = simple({ dark: [230, 230, 230], light: [25, 28, 32], bg: [25, 28, 32] });
    expect(ok(img, { inversion: "dontInvert" })).toBe(false);
    expect(ok(img, { inversion: "onlyInvert" })).toBe(true);
    const r = decodeQr(img, BIG_BUDGET);
    expectText(r);
    expect(r.ok && DEFAULT_PASSES.find((p) => p.name === r.pass)!.inversion).not.toBe("dontInvert");
  });

  it("upscale: a tiny thumbnail (≈2 px per module) needs bilinear enlargement", () => {
    const big = blankImage(1400, 1080, [200, 200, 200]);
    drawQr(big, RP1_URL, { x: 500, y: 300, module: 11 });
    addNoise(big, 8);
    const img = resampleRgba(big, 280, 216); // 2.2 px per module
    expect(ok(img, {})).toBe(false); // native size
    expect(ok(img, { longSide: 840, upscale: true })).toBe(true);
    const r = decodeQr(img, BIG_BUDGET);
    expectText(r);
    expect(r.ok && DEFAULT_PASSES.find((p) => p.name === r.pass)!.upscale).toBe(true);
  });

  it("downscale: a large close-up with sub-pixel stripes decodes only after area averaging", () => {
    const img = blankImage(1800, 1350, [0, 0, 0]);
    const truth = drawQr(img, RP1_URL, { x: 300, y: 150, module: 14 });
    subpixelStripes(img);
    addNoise(img, 6);
    expect(ok(img, { longSide: 1800 })).toBe(false); // native resolution
    expect(ok(img, { longSide: 800 })).toBe(true);
    const r = decodeQr(img, BIG_BUDGET);
    expectText(r);
    // Corners come back in original (1800×1350) coordinates.
    if (r.ok) expect(cornerDistance(r.corners, truth)).toBeLessThan(12);
  });

  it("channel: per-pixel max over R,G,B flattens sub-pixel stripes where luma cannot", () => {
    const img = blankImage(700, 700, [0, 0, 0]);
    drawQr(img, RP1_URL, { x: 120, y: 120, module: 8 });
    subpixelStripes(img);
    expect(ok(img, { longSide: 700, channel: "luma" })).toBe(false);
    expect(ok(img, { longSide: 700, channel: "max" })).toBe(true);
  });

  it("gamma: a dark-theme photo whose light modules bloom needs linear-light thresholding", () => {
    const img = darkThemePhoto(1, 1.2, 1.4);
    expect(ok(img, { contrast: "none" })).toBe(false);
    expect(ok(img, { contrast: "stretch" })).toBe(false);
    expect(ok(img, { contrast: "gamma" })).toBe(true);
    expectText(decodeQr(img, BIG_BUDGET));
  });

  it("deep gamma: a heavily blurred dark-theme code whose bloom outgrows plain linear light", () => {
    const img = darkThemePhoto(2, 2, 1.6);
    for (const contrast of ["none", "stretch", "gamma", "local", "binarize"] as const) expect(ok(img, { contrast })).toBe(false);
    expect(ok(img, { contrast: "deep-gamma" })).toBe(true);
  });

  it("median: thin moiré lines across the code are removed before thresholding", () => {
    const img = blankImage(500, 500);
    drawQr(img, RP1_URL, { x: 70, y: 70, module: 5 });
    // Every fifth diagonal flips towards the opposite tone: the lines a screen's pixel grid leaves.
    for (let y = 0; y < 500; y++) {
      for (let x = 0; x < 500; x++) {
        if ((x + y) % 5 !== 0) continue;
        const i = (y * 500 + x) * 4;
        for (let c = 0; c < 3; c++) img.data[i + c] = img.data[i + c]! > 128 ? img.data[i + c]! - 120 : img.data[i + c]! + 120;
      }
    }
    for (const contrast of ["none", "stretch", "gamma", "local", "binarize"] as const) expect(ok(img, { longSide: 500, contrast })).toBe(false);
    expect(ok(img, { longSide: 500, median: true })).toBe(true);
  });

  it("contrast stretch: a washed-out code below jsQR's dynamic-range floor", () => {
    const img = simple({ dark: [112, 112, 112], light: [130, 130, 130], bg: [120, 120, 120] });
    addNoise(img, 3);
    expect(ok(img, { contrast: "none" })).toBe(false);
    expect(ok(img, { contrast: "stretch" })).toBe(true);
    expectText(decodeQr(img, BIG_BUDGET));
  });

  it("local normalisation: saturating glare across the code", () => {
    const img = simple({ dark: [40, 40, 40], light: [200, 200, 200], module: 5 });
    addGlare(img, 300, 260, 100, 250);
    addNoise(img, 4);
    for (const contrast of ["none", "stretch", "gamma"] as const) expect(ok(img, { contrast })).toBe(false);
    expect(ok(img, { contrast: "local" })).toBe(true);
    expectText(decodeQr(img, BIG_BUDGET));
  });

  it("sharpen: unsharp masking rescues a glare-softened code", () => {
    const img = blankImage(500, 500);
    drawQr(img, RP1_URL, { x: 80, y: 80, module: 5, dark: [40, 40, 40], light: [200, 200, 200] });
    addGlare(img, 300, 260, 120, 200);
    addNoise(img, 4);
    expect(ok(img, { contrast: "stretch" })).toBe(false);
    expect(ok(img, { contrast: "stretch", sharpen: 1.5 })).toBe(true);
  });

  it("rectify: a strongly keystoned code that jsQR's own perspective model misreads", () => {
    const quad = qrQuadOnSensor({ x: 240, y: 180 }, 250, 0, 0.24, makeRng(KEYSTONE_SEED));
    const img = screenPhoto({ seed: KEYSTONE_SEED, theme: "light", blur: 0.8, exposure: 1, quad });
    for (const longSide of [300, 400, 480, 600, 800, 960])
      for (const channel of ["luma", "max"] as const) expect(ok(img, { longSide, upscale: true, channel })).toBe(false);
    expect(ok(img, { longSide: 800, upscale: true, region: { kind: "rectify", max: 2 } })).toBe(true);
    const r = decodeQr(img, BIG_BUDGET);
    expectText(r);
    if (r.ok) {
      expect(DEFAULT_PASSES.find((p) => p.name === r.pass)!.region.kind).toBe("rectify");
      // Corners come back through the homography, in the photo's own pixels.
      const [tl, tr, br, bl] = quad;
      expect(cornerDistance(r.corners, { topLeft: tl!, topRight: tr!, bottomRight: br!, bottomLeft: bl! })).toBeLessThan(6);
    }
  });

  it("rectify in hotspots: the same keystoned code, small in a large cluttered photo", () => {
    const quad = qrQuadOnSensor({ x: 240, y: 180 }, 250, 0, 0.24, makeRng(KEYSTONE_SEED));
    const photo = screenPhoto({ seed: KEYSTONE_SEED, theme: "light", blur: 0.8, exposure: 1, quad });
    const img = blankImage(1920, 1440, [90, 90, 96]);
    addClutter(img, 2500);
    const at = { x: 1300, y: 950 };
    for (let y = 0; y < photo.height; y++) {
      const row = img.data.subarray(((at.y + y) * img.width + at.x) * 4, ((at.y + y) * img.width + at.x + photo.width) * 4);
      row.set(photo.data.subarray(y * photo.width * 4, (y + 1) * photo.width * 4));
    }
    const rect = { kind: "rectify", max: 2 } as const;
    for (const longSide of [800, 1200]) expect(ok(img, { longSide, region: rect })).toBe(false);
    expect(ok(img, { longSide: 0, upscale: true, region: { ...rect, hotspotSide: 800 } })).toBe(true);
  });

  it("grid: a keystoned moiré chat thumbnail that only a module-by-module reading recovers", async () => {
    // A photo of the benchmark's hard set (seed 777) that no default pass but a grid one reads.
    const spec = hardSetSpecs(777).find((s) => s.id === "thumb-08")!;
    const img = await loadRgba((await renderFixture(spec, { cache: false })).jpeg);
    const isGrid = (p: PassDescriptor) => p.region.kind === "rectify" && p.region.sample === "grid";
    const grid = DEFAULT_PASSES.find((p) => p.name === "grid400-luma")!;
    for (const pass of DEFAULT_PASSES.filter((p) => !isGrid(p))) expect(decodeQr(img, { ...BIG_BUDGET, passes: [pass] }).ok, pass.name).toBe(false);
    const r = decodeQr(img, { ...BIG_BUDGET, passes: [grid] });
    expectText(r, spec.text!);
    if (r.ok) {
      const [tl, tr, br, bl] = truthCorners(spec);
      const side = Math.hypot(tr!.x - tl!.x, tr!.y - tl!.y);
      expect(cornerDistance(r.corners, { topLeft: tl!, topRight: tr!, bottomRight: br!, bottomLeft: bl! })).toBeLessThan(side / 20);
    }
  }, 30_000);

  it("crop: a small code in the corner of a large cluttered photo is found via a hotspot/tile", () => {
    const img = blankImage(2400, 1800, [210, 210, 210]);
    addClutter(img, 3000);
    const truth = drawQr(img, RP1_URL, { x: 1950, y: 1380, module: 2.6 });
    addNoise(img, 12);
    for (const longSide of [800, 1000, 1200]) expect(ok(img, { longSide })).toBe(false);
    const r = decodeQr(img, BIG_BUDGET);
    expectText(r);
    if (r.ok) {
      expect(["hotspots", "tiles", "center"]).toContain(DEFAULT_PASSES.find((p) => p.name === r.pass)!.region.kind);
      expect(cornerDistance(r.corners, truth)).toBeLessThan(8);
    }
  });
});
