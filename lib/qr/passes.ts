/**
 * The default pass list, in run order. Data, not code.
 *
 * How it was chosen (`bench/qr/README.md`). Issue #16's round: `bench/qr/pass-matrix.ts
 * --candidates=zx` ran the former list and ~90 zxing-cpp candidates (every scale up to the native
 * image, local or global binariser, with and without denoising, tone curves, channels, hotspot
 * crops, located symbols) on every photo of four TUNING sets: `synth2.ts` seeds 2 and 3 (printed
 * codes and screens, 148 photos) and `synth.ts` seeds 101 and 102 (screens, 168 photos). The
 * first four passes were placed by reasoning: `s300-max` (jsQR's cheapest, the former first
 * pass), the two hotspot passes that read most of either model for ~10 ms, and `zxnat-ds`,
 * zxing-cpp as it comes on the native image, because the issue measured that reader at 89.8% of
 * real photos of printed codes and the pipeline must never read less than it. The rest is the
 * greedy order "most newly read photos per millisecond spent on the photos still unread" over
 * the four sets; the former list's other passes follow as the tail. A second round of candidates
 * (`pass-matrix.ts --add`, on the photos of the synth2 tuning seeds nothing had read) added three
 * hotspot passes after `zx-hot600-glob-dn`. Reported on sets no decision
 * looked at (`synth2.ts` seed 4, `synth.ts` seed 5555) in `bench/qr/README.md`.
 *
 * What the zxing-cpp round says:
 * - zxing-cpp on heat-map hotspot crops at 600 px with its GLOBAL binariser is the single most
 *   productive pass on both models (a local threshold breaks a code under a shadow edge or
 *   glare; a crop at its own resolution keeps a small code's modules). With `min` and a gamma it
 *   reads dark themes.
 * - Denoising (`-dn`) helps blurred and noisy photos; small full-image scales (400–1000 px) with
 *   the global binariser read moiré; thumbnails need enlargement (`zx-up1200`, `zx-up1600`).
 * - Every photo any jsQR pass read, some zxing-cpp pass read too, on `synth2.ts`; on `synth.ts`
 *   jsQR's `s300-max`, grid and tone passes still read photos no zxing-cpp pass does.
 *
 * What the former (jsQR) matrix says:
 * - A heavy area-averaging downscale (300–500 px long side) is the single most effective step:
 *   it removes the screen's sub-pixel moiré and sensor noise, and jsQR is fast there. Per-pixel
 *   max(R,G,B) flattens sub-pixel colour stripes better than luma.
 * - Dark themes (light modules on a dark screen) bloom: thresholding in linear light (`gamma`,
 *   x^2.2) or, for blurred ones, `deep-gamma` (x^3.5) shrinks the bloom back; `min` helps too.
 * - Strong keystone defeats jsQR's own perspective model (one alignment pattern, looked for where
 *   a parallelogram would put it). `rectify` passes locate the three finder patterns themselves,
 *   construct the fourth corner from the finders' edges and resample the symbol upright
 *   (`rectify.ts`); added after the matrix runs, placed by measurement on fresh seeds (third: it
 *   wins a quarter of the photos the first two passes miss). `recthot600-luma` does the same inside
 *   the heat-map hotspots, for small keystoned codes in cluttered photos.
 * - Moiré, noise and keystone together, at 2–4 px per module: jsQR reads one pixel per module
 *   and a tenth of them are wrong. `grid` passes locate the symbol (finders, then the fourth
 *   corner and the module count searched through the alignment pattern and a grid score, then
 *   all four corners polished), average each module over its centre and redraw the symbol clean
 *   for jsQR (`grid.ts`). Added after the matrix runs, placed by measurement on seeds 777, 4242
 *   and 31337 and then checked on seeds no decision had looked at (`bench/qr/README.md`):
 *   cheap (~25–50 ms: one search per located symbol, jsQR on two clean images), the 400 px one
 *   reads about a third of what `s300-max` misses; `deep-gamma` finds the finders of dark themes,
 *   whose bloom otherwise hides them; the 600 px pair reads the finer ones.
 *   Grid passes also take symbols that plain finder search drops: a pair of found finders
 *   completed with a third that fits a finder template, and triples with untraced rings
 *   (`findSymbolQuads`' `loose`).
 * - Small codes in large or cluttered photos need a crop: heat-map hotspots find most of them.
 * - Tiny thumbnails need bilinear enlargement (`upscale`), offered only to inputs ≤ 640 px.
 * - Moiré lines across the code: a 3×3 `median` before thresholding; blurred codes: a strong
 *   unsharp mask at a small scale.
 * - jsQR's cost grows with texture (moiré, noise): ~20 ms for a clean 400 px image, up to ~250 ms
 *   for a noisy one, so cheap small passes go first. The tail passes rarely win, but they run
 *   only on photos every earlier pass missed, within the time budget.
 */
import type { PassDescriptor } from "./types";

const full = { kind: "full" } as const;
const hot = (side: number) => ({ kind: "hotspots", max: 2, side }) as const;
const SMALL = 640;
const rect = { kind: "rectify", max: 2 } as const;
const grid = { kind: "rectify", max: 2, sample: "grid" } as const;
/** zxing-cpp passes (`engine: "zxing"`): skipped unless the caller supplies that engine. */
const zx = { engine: "zxing", inversion: "attemptBoth" } as const;
/** zxing-cpp's global (histogram) binariser. */
const GLOBAL = { binarizer: "global" } as const;
/** "Native" for zxing-cpp as it comes: the photo as it is up to 24 MP, larger ones area-averaged to this long side (one uninterruptible call, its copy in wasm memory). */
const NATIVE = 6000;

export const DEFAULT_PASSES: readonly PassDescriptor[] = [
  // Chosen by the greedy order on the tuning seeds (see above), the first four placed.
  { name: "s300-max", longSide: 300, region: full, channel: "max", contrast: "none", inversion: "attemptBoth" },
  { name: "zx-hot600-glob", longSide: 0, upscale: true, region: hot(600), channel: "luma", contrast: "none", ...zx, tuning: GLOBAL },
  { name: "zx-hot600-min-gamma", longSide: 0, upscale: true, region: hot(600), channel: "min", contrast: "gamma", ...zx },
  { name: "zxnat-ds", longSide: NATIVE, region: full, channel: "luma", contrast: "none", ...zx, tuning: { downscale: true } },
  { name: "zx400-glob", longSide: 400, region: full, channel: "luma", contrast: "none", ...zx, tuning: GLOBAL },
  { name: "zx-up1200", longSide: 1200, upscale: true, maxInputLongSide: 1000, region: full, channel: "luma", contrast: "none", ...zx },
  { name: "zx600-glob", longSide: 600, region: full, channel: "luma", contrast: "none", ...zx, tuning: GLOBAL },
  { name: "zx400", longSide: 400, region: full, channel: "luma", contrast: "none", ...zx },
  { name: "zx-up1600", longSide: 1600, upscale: true, maxInputLongSide: 1000, region: full, channel: "luma", contrast: "none", ...zx },
  { name: "zx1000-glob", longSide: 1000, region: full, channel: "luma", contrast: "none", ...zx, tuning: GLOBAL },
  { name: "zx-hot600-glob-dn", longSide: 0, upscale: true, region: hot(600), channel: "luma", contrast: "none", ...zx, tuning: { ...GLOBAL, denoise: true } },
  // Second zxing-cpp round, on the photos of the tuning seeds that nothing above read: local
  // normalisation in a hotspot reads codes under a glossy reflection; a median, moiré and chat recompression.
  { name: "zx-hot600-local", longSide: 0, upscale: true, region: hot(600), channel: "luma", contrast: "local", ...zx },
  { name: "zx-hot600-glob-median", longSide: 0, upscale: true, region: hot(600), channel: "luma", contrast: "none", median: true, ...zx, tuning: GLOBAL },
  { name: "zx-hot600-glob-gamma", longSide: 0, upscale: true, region: hot(600), channel: "luma", contrast: "gamma", ...zx, tuning: GLOBAL },
  { name: "up600-max-gamma", longSide: 600, upscale: true, maxInputLongSide: SMALL, region: full, channel: "max", contrast: "gamma", inversion: "attemptBoth" },
  { name: "grid400-luma-deepgamma", longSide: 400, upscale: true, region: grid, channel: "luma", contrast: "deep-gamma", inversion: "attemptBoth" },
  { name: "zx800-deep-gamma", longSide: 800, region: full, channel: "luma", contrast: "deep-gamma", ...zx },
  { name: "zx-hot800", longSide: 0, upscale: true, region: hot(800), channel: "luma", contrast: "none", ...zx },
  { name: "zx-hot1200-glob-dn", longSide: 0, upscale: true, region: hot(1200), channel: "luma", contrast: "none", ...zx, tuning: { ...GLOBAL, denoise: true } },
  { name: "zx1200-gamma", longSide: 1200, region: full, channel: "luma", contrast: "gamma", ...zx },
  { name: "zx1200-max", longSide: 1200, region: full, channel: "max", contrast: "none", ...zx },
  { name: "zx1200-local", longSide: 1200, region: full, channel: "luma", contrast: "local", ...zx },
  { name: "grid600-luma-deepgamma", longSide: 600, upscale: true, region: grid, channel: "luma", contrast: "deep-gamma", inversion: "attemptBoth" },
  { name: "s400-luma-median-stretch", longSide: 400, median: true, region: full, channel: "luma", contrast: "stretch", inversion: "attemptBoth" },
  { name: "zx1600-luma-local", longSide: 1600, region: full, channel: "luma", contrast: "local", ...zx },
  { name: "grid600-luma", longSide: 600, upscale: true, region: grid, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  // Not chosen by measurement: full-image siblings of the hotspot passes above, for a close-up whose
  // code fills most of the frame (a hotspot over 60% of the photo is dropped, so those passes have
  // nothing to read). Neither photo model has such close-ups; real photos of printed codes do.
  { name: "zx600-min-gamma", longSide: 600, region: full, channel: "min", contrast: "gamma", ...zx },
  { name: "zx600-local", longSide: 600, region: full, channel: "luma", contrast: "local", ...zx },
  { name: "zx600-glob-dn", longSide: 600, region: full, channel: "luma", contrast: "none", ...zx, tuning: { ...GLOBAL, denoise: true } },
  { name: "zx600-glob-median", longSide: 600, median: true, region: full, channel: "luma", contrast: "none", ...zx, tuning: GLOBAL },
  // The former list's other passes, in their order: each read photos of its own tuning seeds, and
  // they run only on a photo every pass above missed, while the budget lasts.
  { name: "zx1200-luma", longSide: 1200, region: full, channel: "luma", contrast: "none", ...zx },
  { name: "grid400-luma", longSide: 400, upscale: true, region: grid, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "s400-luma-deepgamma", longSide: 400, region: full, channel: "luma", contrast: "deep-gamma", inversion: "attemptBoth" },
  { name: "zx800-luma-gamma", longSide: 800, region: full, channel: "luma", contrast: "gamma", ...zx },
  { name: "zx-up1200-luma", longSide: 1200, upscale: true, maxInputLongSide: SMALL, region: full, channel: "luma", contrast: "none", ...zx },
  { name: "rect800-luma", longSide: 800, upscale: true, region: rect, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "hot400-max", longSide: 0, upscale: true, region: hot(400), channel: "max", contrast: "none", inversion: "attemptBoth" },
  { name: "recthot600-luma", longSide: 0, upscale: true, region: { ...rect, hotspotSide: 600 }, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "zx-hot800-luma", longSide: 0, upscale: true, region: hot(800), channel: "luma", contrast: "none", ...zx },
  { name: "zx2000-luma", longSide: 2000, minInputLongSide: 1300, region: full, channel: "luma", contrast: "none", ...zx },
  { name: "up600-max", longSide: 600, upscale: true, maxInputLongSide: SMALL, region: full, channel: "max", contrast: "none", inversion: "attemptBoth" },
  { name: "hot400-min-gamma", longSide: 0, upscale: true, region: hot(400), channel: "min", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s500-max-median-gamma", longSide: 500, median: true, region: full, channel: "max", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s500-min-deepgamma", longSide: 500, region: full, channel: "min", contrast: "deep-gamma", inversion: "attemptBoth" },
  { name: "zx600-max-median", longSide: 600, median: true, region: full, channel: "max", contrast: "stretch", ...zx },
  { name: "zx-rect800-luma", longSide: 800, upscale: true, region: rect, channel: "luma", contrast: "none", ...zx },
  { name: "hot600-max", longSide: 0, upscale: true, region: hot(600), channel: "max", contrast: "none", inversion: "attemptBoth" },
  { name: "rect600-max", longSide: 600, upscale: true, region: rect, channel: "max", contrast: "none", inversion: "attemptBoth" },
  { name: "s300-max-sharpen", longSide: 300, region: full, channel: "max", contrast: "stretch", sharpen: 3, inversion: "attemptBoth" },
  { name: "s400-luma", longSide: 400, region: full, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "s500-max", longSide: 500, region: full, channel: "max", contrast: "none", inversion: "attemptBoth" },
  { name: "hot600-luma-gamma", longSide: 0, upscale: true, region: hot(600), channel: "luma", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s500-luma-median-stretch", longSide: 500, median: true, region: full, channel: "luma", contrast: "stretch", inversion: "attemptBoth" },
  { name: "hot600-min", longSide: 0, upscale: true, region: hot(600), channel: "min", contrast: "none", inversion: "attemptBoth" },
  { name: "s350-luma-gamma", longSide: 350, region: full, channel: "luma", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s600-luma-median", longSide: 600, median: true, region: full, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "hot800-max-gamma", longSide: 0, upscale: true, region: hot(800), channel: "max", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s500-max-median", longSide: 500, median: true, region: full, channel: "max", contrast: "none", inversion: "attemptBoth" },
  { name: "s400-max-binarize", longSide: 400, region: full, channel: "max", contrast: "binarize", inversion: "attemptBoth" },
  { name: "s600-min-invert", longSide: 600, region: full, channel: "min", contrast: "stretch", inversion: "onlyInvert" },
  { name: "s600-luma-deepgamma", longSide: 600, region: full, channel: "luma", contrast: "deep-gamma", inversion: "attemptBoth" },
  { name: "up1200-luma", longSide: 1200, upscale: true, maxInputLongSide: SMALL, region: full, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "up1000-gamma", longSide: 1000, upscale: true, maxInputLongSide: SMALL, region: full, channel: "luma", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s450-max-stretch", longSide: 450, region: full, channel: "max", contrast: "stretch", inversion: "attemptBoth" },
  { name: "s800-luma-gamma", longSide: 800, region: full, channel: "luma", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s600-luma-local", longSide: 600, region: full, channel: "luma", contrast: "local", inversion: "attemptBoth" },
  { name: "zx1000-luma-deepgamma", longSide: 1000, region: full, channel: "luma", contrast: "deep-gamma", ...zx },
];
