/**
 * The default pass list, in run order. Data, not code.
 *
 * How it was chosen: `lib/qr/bench/pass-matrix.ts` runs ~70 candidate passes on every image of the
 * generated hard set and prints which images each one decodes and what it costs; the order below
 * follows the greedy "most new decodes per millisecond" order of that matrix, rounded out so every
 * kind of trouble keeps at least two different remedies (to avoid fitting the one data set), and
 * checked with `lib/qr/bench/run.ts` (which reports each pass's wins and mean time, also on a
 * second, differently seeded set).
 *
 * Notes from the matrix:
 * - A heavy area-averaging downscale (400–600 px long side) is the single most effective step:
 *   it removes the screen's sub-pixel moiré and sensor noise, and jsQR is fast there.
 * - Per-pixel max(R,G,B) flattens sub-pixel colour stripes better than luma.
 * - Dark themes (light modules on dark) need `gamma` (linear-light thresholding against bloom);
 *   clean dark screenshots need our own luminance inversion (`onlyInvert`).
 * - Small codes in large photos need a crop: heat-map hotspots are cheap and find most of them;
 *   tiles are the slow fallback.
 * - Tiny thumbnails need bilinear enlargement (`upscale`), offered only to inputs ≤ 640 px (so
 *   these passes cost large photos nothing).
 * - Passes that only repeat native-resolution work on small inputs are limited to larger inputs
 *   (`minInputLongSide`), so a hopeless chat photo fails in about a second, not at the budget.
 * - jsQR's cost grows with texture (moiré, noise): ~20 ms for a clean 400 px image, up to ~250 ms
 *   for a noisy one, so cheap small passes go first.
 */
import type { PassDescriptor } from "./types";

const full = { kind: "full" } as const;
const SMALL = 640;

export const DEFAULT_PASSES: readonly PassDescriptor[] = [
  { name: "s400-max", longSide: 400, region: full, channel: "max", contrast: "none", inversion: "attemptBoth" },
  { name: "up800-luma", longSide: 800, upscale: true, maxInputLongSide: SMALL, region: full, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "s400-min-gamma", longSide: 400, region: full, channel: "min", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s400-luma", longSide: 400, region: full, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "s600-luma", longSide: 600, region: full, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "s600-max-gamma", longSide: 600, region: full, channel: "max", contrast: "gamma", inversion: "attemptBoth" },
  { name: "hot600-gamma", longSide: 0, upscale: true, region: { kind: "hotspots", max: 2, side: 600 }, channel: "luma", contrast: "gamma", inversion: "attemptBoth" },
  { name: "hot600-luma", longSide: 0, upscale: true, region: { kind: "hotspots", max: 2, side: 600 }, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "up1000-gamma", longSide: 1000, upscale: true, maxInputLongSide: SMALL, region: full, channel: "luma", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s800-luma", longSide: 800, minInputLongSide: 700, region: full, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "s600-invert", longSide: 600, region: full, channel: "luma", contrast: "stretch", inversion: "onlyInvert" },
  { name: "s600-local", longSide: 600, region: full, channel: "luma", contrast: "local", inversion: "attemptBoth" },
  { name: "s600-gamma-sharpen", longSide: 600, region: full, channel: "luma", contrast: "gamma", sharpen: 1.5, inversion: "attemptBoth" },
  { name: "s800-min", longSide: 800, minInputLongSide: 700, region: full, channel: "min", contrast: "none", inversion: "attemptBoth" },
  { name: "s1000-max-gamma", longSide: 1000, minInputLongSide: 900, region: full, channel: "max", contrast: "gamma", inversion: "attemptBoth" },
  { name: "center-gamma", longSide: 800, minInputLongSide: 1000, upscale: true, region: { kind: "center", fraction: 0.6 }, channel: "luma", contrast: "gamma", inversion: "attemptBoth" },
  { name: "s1200-gamma", longSide: 1200, minInputLongSide: 1000, region: full, channel: "luma", contrast: "gamma", inversion: "attemptBoth" },
  { name: "hot800-luma", longSide: 0, minInputLongSide: 1000, upscale: true, region: { kind: "hotspots", max: 2, side: 800 }, channel: "luma", contrast: "none", inversion: "attemptBoth" },
  { name: "tiles1200-luma", longSide: 1200, minInputLongSide: 1200, region: { kind: "tiles", cols: 2, rows: 2, overlap: 0.3 }, channel: "luma", contrast: "none", inversion: "attemptBoth" },
];
