import type { QrEngine } from "./engines";

/**
 * Public types of the QR decode pipeline (`lib/qr`).
 *
 * Everything here is plain data so it can cross a `postMessage` boundary (Web Worker) unchanged.
 */

/** An RGBA pixel buffer, e.g. a DOM `ImageData` or the raw output of sharp `.ensureAlpha().raw()`. */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The QR symbol's outer corners, in the coordinate system of the image given to the pipeline. */
export interface Corners {
  topLeft: Point;
  topRight: Point;
  bottomLeft: Point;
  bottomRight: Point;
}

export interface PassTiming {
  pass: string;
  ms: number;
}

export interface DecodeTimings {
  totalMs: number;
  /** One entry per pass that was run (in run order); skipped duplicate passes are not listed. */
  passes: PassTiming[];
}

/** One accepted code of a photo: its text and where it is (input image coordinates). */
export interface DecodeCandidate {
  text: string;
  corners: Corners;
}

export interface DecodeSuccess {
  ok: true;
  text: string;
  /** Name of the pass descriptor that produced the result. */
  pass: string;
  /** The engine that read it (`jsqr`, `zxing`). */
  engine: string;
  corners: Corners;
  /**
   * Only when the photo holds several DISTINCT accepted texts (e.g. two reset challenges): all of
   * them, the first being `text`/`corners`, so that the agent can pick one. Absent otherwise.
   */
  candidates?: DecodeCandidate[];
  timings: DecodeTimings;
}

/** `invalid-options`: a `region` outside the image or not a rectangle, a `rotation` not 0/90/180/270 (see `message`). */
export type DecodeFailureReason = "not-found" | "timeout" | "too-small" | "cancelled" | "invalid-image" | "invalid-options";

export interface DecodeFailure {
  ok: false;
  reason: DecodeFailureReason;
  /** For `invalid-options`: what was wrong, in words. */
  message?: string;
  timings: DecodeTimings;
  /** Texts that were decoded but refused by the `accept` predicate (only present when non-empty). */
  rejected?: string[];
}

export type DecodeResult = DecodeSuccess | DecodeFailure;

/** Anything with an `aborted` flag: a DOM/Node `AbortSignal` or a plain object. */
export interface CancelSignal {
  readonly aborted: boolean;
}

/**
 * What the pipeline is doing, for a progress line (`PHASE_WORDS` has the words):
 * `reading` the first, quick passes; `looking-closer` crops, hotspots, located and redrawn symbols;
 * `second-reader` the zxing-cpp engine; `trying-harder` anything after the first two seconds.
 */
export type DecodePhase = "reading" | "looking-closer" | "second-reader" | "trying-harder";

/** `phase` is always given by the pipeline (optional only so that relays of the older three-argument form type-check). */
export type ProgressCallback = (passIndex: number, passCount: number, passName: string, phase?: DecodePhase) => void;

/** Luma (jsQR's own weights), per-pixel min/max over R,G,B, or a single channel. */
export type ChannelMode = "luma" | "min" | "max" | "red" | "green" | "blue";

/**
 * `none`: as is. `stretch`: global percentile stretch (1%..99%) of the pass image.
 * `local`: local contrast normalisation ((x - local mean) / local std) — glare, vignetting, low contrast.
 * `gamma`: stretch, then undo the camera's gamma (x^2.2): a lens/motion blur spreads light linearly,
 *   but gamma encoding makes bright modules "bloom" over dark ones, which shifts jsQR's
 *   mean-based threshold — fatal for light-on-dark (dark theme) codes. Linear light restores it.
 * `deep-gamma`: stretch, then x^3.5: for heavily blurred light-on-dark codes, where the bloom
 *   outgrows what undoing the camera's gamma alone corrects.
 * `binarize`: our own local threshold (window 1/12 of the image's long side, see `binarizeLocal`).
 */
export type ContrastMode = "none" | "stretch" | "local" | "gamma" | "deep-gamma" | "binarize";

export type InversionMode = "dontInvert" | "onlyInvert" | "attemptBoth";

export type RegionSpec =
  /** The whole image. */
  | { kind: "full" }
  /** A centred crop covering `fraction` of each side. */
  | { kind: "center"; fraction: number }
  /** A cols×rows grid of tiles, neighbours overlapping by `overlap` (fraction of the tile size). */
  | { kind: "tiles"; cols: number; rows: number; overlap: number }
  /**
   * Up to `max` regions chosen by a cheap QR-likeliness heat map (edge density in both directions),
   * each resampled from the original image so that its long side is `side` px (box filter down,
   * bilinear up).
   */
  | { kind: "hotspots"; max: number; side: number }
  /**
   * Up to `max` symbols located by their finder patterns (on a local-threshold image at the pass
   * scale, both polarities) and resampled into an upright square: strong keystone (`rectify.ts`).
   * With `hotspotSide`, searched in the two best hotspots at that size instead of the whole image.
   * With `sample: "grid"`, the symbol's fourth corner and module count are searched and it is
   * read module by module and redrawn clean instead of resampled (`grid.ts`): moiré, noise, and
   * keystone that the finders alone do not pin down.
   */
  | { kind: "rectify"; max: number; hotspotSide?: number; sample?: "grid" };

/** One attempt of the pipeline. The pipeline runs a list of these in order (see `DEFAULT_PASSES`). */
export interface PassDescriptor {
  name: string;
  /**
   * Long side (px) the whole image is resampled to before the region is taken. Larger images are
   * area-averaged down (box filter); smaller ones are kept as they are unless `upscale` is set.
   * Ignored by `hotspots` regions, which resample each region themselves.
   */
  longSide: number;
  /** Allow bilinear upscaling to `longSide` (tiny chat thumbnails). */
  upscale?: boolean;
  /** Only run when the input's long side is within these bounds (inclusive). */
  minInputLongSide?: number;
  maxInputLongSide?: number;
  region: RegionSpec;
  channel: ChannelMode;
  contrast: ContrastMode;
  /** 3×3 median before the contrast step (moiré lines, speckle). */
  median?: boolean;
  /** Unsharp-mask amount (0 or absent = off), radius 1 px at the pass scale. */
  sharpen?: number;
  inversion: InversionMode;
  /** The engine that reads this pass's images (`QrEngine.name`); default `jsqr`. Skipped when the caller gave no such engine. */
  engine?: string;
  /** Engine settings for this pass (zxing-cpp's; jsQR has none). */
  tuning?: EngineTuning;
}

/**
 * zxing-cpp's own ways of reading one image, chosen per pass: its binariser (`local`: a local
 * average, its default; `global`: a histogram valley per image, which survives what a local
 * threshold breaks, e.g. a large module under glare; `fixed`: 127), morphological closing of
 * the binarised image (`denoise`), and its own internal downscaled retries (`downscale`).
 */
export interface EngineTuning {
  binarizer?: "local" | "global" | "fixed";
  denoise?: boolean;
  downscale?: boolean;
}

/** A rectangle in input pixel coordinates. */
export interface PixelRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Rotation = 0 | 90 | 180 | 270;

export interface DecodeOptions {
  /** Total time budget in ms (default 900): a cap. Checked before every jsQR attempt, which starts only if an average attempt so far would still end inside it. */
  timeBudgetMs?: number;
  /** Clock in ms; default `performance.now()`. Injected in tests. */
  now?: () => number;
  signal?: CancelSignal;
  onProgress?: ProgressCallback;
  /** Return false to skip a decoded text (e.g. not an RP1 URL); the pipeline masks that symbol and continues. */
  accept?: (text: string) => boolean;
  /** Pass list; default `DEFAULT_PASSES`. */
  passes?: readonly PassDescriptor[];
  /**
   * Engines the passes may use, by name; default `[jsqrEngine]` only (then passes of other engines are
   * skipped). Async engines (zxing-cpp) need `decodeQrAsync`.
   */
  engines?: readonly QrEngine[];
  /** Manual assist: decode only this rectangle of the input (input pixel coordinates; clipped to the image). Corners are still reported in input coordinates. */
  region?: PixelRegion;
  /** Manual assist: turn the image (after `region`) clockwise by this many degrees before decoding. Corners are still reported in input coordinates. */
  rotation?: Rotation;
}
