/**
 * The QR decode pipeline: runs a data-driven list of passes (scale × region × channel × contrast ×
 * sharpen × inversion, see `passes.ts`), each read by its engine (jsQR, or zxing-cpp when the caller gives it), cheapest / highest-yield first,
 * and stops at the first accepted result, when the time budget is spent, or when cancelled.
 *
 * Pure TypeScript on RGBA buffers: no DOM and no Node APIs, so it runs unchanged in a Web Worker,
 * on the browser main thread and in Node (CLI, tests, benchmark).
 */
import { findHotspots } from "./heatmap";
import {
  applyLut,
  binarizeLocal,
  checkImage,
  cropRgba,
  rotateRgba,
  gammaLut,
  cropGray,
  fillQuad,
  grayFromPlanes,
  invertGray,
  localNormalize,
  meanGray,
  median3,
  resamplePlanes,
  resampleRect,
  scaledSize,
  sharpen,
  stretchContrast,
  type Gray,
  type Planes,
  type Rect,
} from "./image-ops";
import { DEFAULT_PASSES } from "./passes";
import { gridRectify } from "./grid";
import { findSymbolQuads, mapPoint, rectify, type Rectified, type SymbolQuad } from "./rectify";
import { jsqrEngine, type EngineCode, type QrEngine } from "./engines";
import type {
  Corners,
  DecodeCandidate,
  DecodeFailureReason,
  DecodeOptions,
  DecodePhase,
  DecodeResult,
  EngineTuning,
  PassDescriptor,
  PassTiming,
  PixelRegion,
  Point,
  RgbaImage,
} from "./types";

export const DEFAULT_TIME_BUDGET_MS = 900;
/**
 * The budget for hard photos when the caller can wait (progressive decoding, the server, the CLI):
 * easy photos still end at their first pass. With loading the photo and the last engine call that
 * started inside the budget, a photo without a code is answered within about 5 s (the issue asks 6).
 */
export const EXTENDED_TIME_BUDGET_MS = 4000;
/** Long side of the image the heat map is computed on. */
const HEAT_LONG_SIDE = 400;
/** Hotspots covering more than this fraction of the image add nothing over full-image passes. */
const MAX_HOTSPOT_AREA = 0.6;
/**
 * Inputs with a longer side are area-averaged once, by an integer factor ≥ 2, to a base of at most
 * twice this long side (a 12 MP photo is 48 MB of RGBA; its 2016 px base is 9 MB), and the smaller
 * scales are derived from the base: a box filter of a box filter is
 * nearly a box filter. Crops (hotspots) still read the original pixels.
 */
const BASE_LONG_SIDE = 2000;
/** Maximum bilinear enlargement. */
const MAX_UPSCALE = 4;
/** Redraws of a located symbol that `grid` passes read (see `gridRectify`). */
const GRID_VARIANTS = [0, 1];
/** How many refused symbols one region may mask and retry. */
const MAX_REJECTS_PER_REGION = 3;

const LINEARIZE = gammaLut(2.2);
const DEEP_GAMMA = gammaLut(3.5);

const defaultNow = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** Per-image caches shared by all passes. Exposed for the benchmark's per-pass analysis. */
export interface DecodeContext {
  image: RgbaImage;
  longSide: number;
  /** Resampled colour planes keyed by `rect|WxH`. */
  planes: Map<string, Planes>;
  grays: Map<string, Gray>;
  rgba: { buf: Uint8ClampedArray };
  hotspots?: Rect[];
  /** Located symbols per pass scale and channel (`rectify` regions). */
  symbolQuads: Map<string, { quad: SymbolQuad; light: boolean }[]>;
  /** Refused symbols, in original image coordinates; masked out of every later pass image. */
  rejectedQuads: Point[][];
  rejectedTexts: string[];
  /** Grid redraws per located symbol (`grid` regions). */
  gridRedraws: Map<string, Rectified[]>;
}

export function createDecodeContext(image: RgbaImage): DecodeContext {
  return {
    image,
    longSide: Math.max(image.width, image.height),
    planes: new Map(),
    grays: new Map(),
    rgba: { buf: new Uint8ClampedArray(0) },
    symbolQuads: new Map(),
    rejectedQuads: [],
    rejectedTexts: [],
    gridRedraws: new Map(),
  };
}

/** Whether a pass applies to an input of this size. */
export function passApplies(pass: PassDescriptor, longSide: number): boolean {
  if (pass.minInputLongSide !== undefined && longSide < pass.minInputLongSide) return false;
  if (pass.maxInputLongSide !== undefined && longSide > pass.maxInputLongSide) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Building pass images
// ---------------------------------------------------------------------------------------------

const FULL = (img: RgbaImage): Rect => ({ x: 0, y: 0, w: img.width, h: img.height });
const rectKey = (r: Rect): string => `${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.w)},${Math.round(r.h)}`;

/** Planes of `rect` (original coordinates) at `tw`×`th`, cached. */
function getPlanes(ctx: DecodeContext, rect: Rect, tw: number, th: number): Planes {
  const key = `${rectKey(rect)}|${tw}x${th}`;
  let p = ctx.planes.get(key);
  if (p) return p;
  const { image } = ctx;
  const isFull = rect.x === 0 && rect.y === 0 && rect.w === image.width && rect.h === image.height;
  // Large photos are read once, into a base image; every smaller full-image scale comes from it.
  // An integer factor (4032×3024 → 2016×1512) takes resampleRect's block-sum path.
  const k = Math.max(2, Math.floor(ctx.longSide / BASE_LONG_SIDE));
  const base = { width: Math.floor(image.width / k), height: Math.floor(image.height / k) };
  if (isFull && ctx.longSide > BASE_LONG_SIDE && Math.max(tw, th) < Math.max(base.width, base.height)) {
    p = resamplePlanes(getPlanes(ctx, rect, base.width, base.height), tw, th);
  } else if (isFull && tw < image.width) {
    // Area-average from an already reduced full image when it is at least twice the target size:
    // a box filter of a box filter is (nearly) a box filter, and much cheaper than re-reading 12 MP.
    let best: Planes | undefined;
    for (const [key, q] of ctx.planes) {
      if (!key.startsWith(`${rectKey(rect)}|`)) continue;
      if (q.width >= 2 * tw && q.height >= 2 * th && (!best || q.width < best.width)) best = q;
    }
    if (best) p = resamplePlanes(best, tw, th);
  }
  p ??= resampleRect(image, rect, tw, th);
  ctx.planes.set(key, p);
  return p;
}

function getGray(ctx: DecodeContext, rect: Rect, tw: number, th: number, channel: PassDescriptor["channel"]): Gray {
  const key = `${rectKey(rect)}|${tw}x${th}|${channel}`;
  let g = ctx.grays.get(key);
  if (!g) {
    g = grayFromPlanes(getPlanes(ctx, rect, tw, th), channel);
    ctx.grays.set(key, g);
  }
  return g;
}

/** Full-image size for a pass (box down, optional bilinear up, else native). */
function passScale(ctx: DecodeContext, pass: PassDescriptor): { width: number; height: number } {
  const { width, height } = ctx.image;
  if (ctx.longSide > pass.longSide) return scaledSize(width, height, pass.longSide);
  if (pass.upscale && ctx.longSide < pass.longSide) {
    return scaledSize(width, height, Math.min(pass.longSide, ctx.longSide * MAX_UPSCALE));
  }
  return { width, height };
}

function getHotspots(ctx: DecodeContext): Rect[] {
  if (ctx.hotspots) return ctx.hotspots;
  const { width, height } = ctx.image;
  const size = ctx.longSide > HEAT_LONG_SIDE ? scaledSize(width, height, HEAT_LONG_SIDE) : { width, height };
  const gray = getGray(ctx, FULL(ctx.image), size.width, size.height, "luma");
  const sx = width / size.width;
  const sy = height / size.height;
  ctx.hotspots = findHotspots(gray, 4)
    .map((h) => {
      const x = Math.max(0, Math.floor(h.rect.x * sx));
      const y = Math.max(0, Math.floor(h.rect.y * sy));
      return { x, y, w: Math.min(width - x, Math.round(h.rect.w * sx)), h: Math.min(height - y, Math.round(h.rect.h * sy)) };
    })
    .filter((r) => r.w * r.h <= MAX_HOTSPOT_AREA * width * height);
  return ctx.hotspots;
}

/** One jsQR attempt: a source rectangle at a size, optionally cropped further. */
interface Job {
  key: string;
  srcRect: Rect;
  tw: number;
  th: number;
  /** crop inside the resampled planes */
  crop?: Rect;
  /** a located symbol (pass-scale coordinates) to resample upright; `light` = light modules on dark */
  warp?: { quad: SymbolQuad; light: boolean };
  /** For `grid` regions: which of the symbol's redraws (`gridRectify`) to read. */
  variant?: number;
}

/**
 * The pass-scale gray with a gamma pass's tone curve applied (a cached copy), for the steps that
 * work on the image before jsQR sees it: undoing the bloom of light modules on a dark screen is
 * what lets their finder patterns be found at all.
 */
function getToned(ctx: DecodeContext, rect: Rect, tw: number, th: number, pass: PassDescriptor): Gray {
  const gray = getGray(ctx, rect, tw, th, pass.channel);
  if (pass.contrast !== "gamma" && pass.contrast !== "deep-gamma") return gray;
  const key = `${rectKey(rect)}|${tw}x${th}|${pass.channel}|${pass.contrast}`;
  let toned = ctx.grays.get(key);
  if (!toned) {
    toned = cropGray(gray, { x: 0, y: 0, w: tw, h: th });
    stretchContrast(toned);
    applyLut(toned, pass.contrast === "gamma" ? LINEARIZE : DEEP_GAMMA);
    ctx.grays.set(key, toned);
  }
  return toned;
}

/**
 * Symbols located by their finder patterns in the pass-scale image, dark ones first, then light.
 * Grid passes also take the symbols that a search for a missing finder completes, or whose finder
 * rings cannot be traced (`findSymbolQuads`' `loose`): their corner search and polish make up for
 * corners placed from finder centres, and plain rectification would only spend time on them.
 */
function getSymbolQuads(ctx: DecodeContext, rect: Rect, tw: number, th: number, pass: PassDescriptor, max: number) {
  const tone = pass.contrast === "gamma" || pass.contrast === "deep-gamma" ? pass.contrast : "";
  const loose = isGridPass(pass);
  const key = `${rectKey(rect)}|${tw}x${th}|${pass.channel}|${tone}|${max}|${loose}`;
  let found = ctx.symbolQuads.get(key);
  if (!found) {
    const bin = binarizeLocal(getToned(ctx, rect, tw, th, pass), Math.max(4, Math.round(Math.max(tw, th) / 12)));
    found = findSymbolQuads(bin, max, { loose }).map((quad) => ({ quad, light: false }));
    invertGray(bin);
    found.push(...findSymbolQuads(bin, max, { loose }).map((quad) => ({ quad, light: true })));
    ctx.symbolQuads.set(key, found);
  }
  return found;
}

/** A hotspot's size at a pass whose regions have a `side` px long side. */
function hotspotSize(r: Rect, side: number, upscale?: boolean): { width: number; height: number } {
  const rw = Math.max(1, Math.round(r.w));
  const rh = Math.max(1, Math.round(r.h));
  const long = Math.max(rw, rh);
  if (long > side) return scaledSize(rw, rh, side);
  if (upscale && long < side) return scaledSize(rw, rh, Math.min(side, long * MAX_UPSCALE));
  return { width: rw, height: rh };
}

function passJobs(ctx: DecodeContext, pass: PassDescriptor): Job[] {
  const region = pass.region;
  const full = FULL(ctx.image);
  if (region.kind === "hotspots") {
    return getHotspots(ctx)
      .slice(0, region.max)
      .map((r) => {
        const sz = hotspotSize(r, region.side, pass.upscale);
        return { key: `hot:${rectKey(r)}|${sz.width}x${sz.height}`, srcRect: r, tw: sz.width, th: sz.height };
      });
  }
  const { width: tw, height: th } = passScale(ctx, pass);
  const base = `full|${tw}x${th}`;
  if (region.kind === "rectify") {
    // The whole image at the pass scale, or each hotspot at `hotspotSide`.
    const areas = region.hotspotSide
      ? getHotspots(ctx)
          .slice(0, 2)
          .map((r) => ({ rect: r, ...hotspotSize(r, region.hotspotSide!, pass.upscale) }))
      : [{ rect: full, width: tw, height: th }];
    return areas.flatMap((a) =>
      getSymbolQuads(ctx, a.rect, a.width, a.height, pass, region.max).flatMap((warp) =>
        (region.sample === "grid" ? GRID_VARIANTS : [undefined]).map((variant) => ({
          key: `${rectKey(a.rect)}|${a.width}x${a.height}|${region.sample ?? "rect"}${variant ?? ""}:${warp.quad.corners.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`).join(";")}`,
          srcRect: a.rect,
          tw: a.width,
          th: a.height,
          warp,
          variant,
        })),
      ),
    );
  }
  if (region.kind === "full") return [{ key: base, srcRect: full, tw, th }];
  if (region.kind === "center") {
    const w = Math.round(tw * region.fraction);
    const h = Math.round(th * region.fraction);
    const crop = { x: Math.round((tw - w) / 2), y: Math.round((th - h) / 2), w, h };
    return [{ key: `${base}|${rectKey(crop)}`, srcRect: full, tw, th, crop }];
  }
  const { cols, rows, overlap } = region;
  const tileW = tw / (cols - (cols - 1) * overlap);
  const tileH = th / (rows - (rows - 1) * overlap);
  const jobs: Job[] = [];
  // Centre-most tiles first: the QR is usually near the middle of the photo.
  const order: [number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) order.push([c, r]);
  const mid = (n: number) => (n - 1) / 2;
  order.sort((a, b) => Math.hypot(a[0] - mid(cols), a[1] - mid(rows)) - Math.hypot(b[0] - mid(cols), b[1] - mid(rows)));
  for (const [c, r] of order) {
    const crop = {
      x: Math.round(c * tileW * (1 - overlap)),
      y: Math.round(r * tileH * (1 - overlap)),
      w: Math.round(tileW),
      h: Math.round(tileH),
    };
    crop.w = Math.min(crop.w, tw - crop.x);
    crop.h = Math.min(crop.h, th - crop.y);
    jobs.push({ key: `${base}|${rectKey(crop)}`, srcRect: full, tw, th, crop });
  }
  return jobs;
}

const isGridPass = (pass: PassDescriptor): boolean => pass.region.kind === "rectify" && pass.region.sample === "grid";

/** A symbol's grid redraws, computed once for all its variants (the search is the costly part). */
function getGridRedraws(ctx: DecodeContext, job: Job, gray: Gray): Rectified[] {
  const key = job.key.replace(/\|grid\d*:/, "|grid:");
  let found = ctx.gridRedraws.get(key);
  if (!found) {
    found = gridRectify(gray, job.warp!.quad, job.warp!.light);
    ctx.gridRedraws.set(key, found);
  }
  return found;
}

interface JobImage {
  gray: Gray;
  toSource: (p: Point) => Point;
  fromSource: (p: Point) => Point;
}

function buildJobImage(ctx: DecodeContext, pass: PassDescriptor, job: Job): JobImage {
  let gray = getGray(ctx, job.srcRect, job.tw, job.th, pass.channel);
  const crop = job.crop ?? { x: 0, y: 0, w: job.tw, h: job.th };
  const grid = isGridPass(pass);
  // The tone curve helps find a symbol (getSymbolQuads) but not read it: the module means of
  // a grid are compared with their neighbours', which a blur's bloom shifts less than a curve does.
  const rect = job.warp ? (grid ? getGridRedraws(ctx, job, gray)[job.variant ?? 0] : rectify(gray, job.warp.quad)) : undefined;
  if (job.warp && !rect) return { gray: { width: 0, height: 0, data: new Uint8Array(0) }, toSource: (p) => p, fromSource: (p) => p };
  // Pass-specific operations never modify the cached gray: crop or resample (copy) first.
  gray = rect ? rect.gray : cropGray(gray, crop);
  if (pass.median) gray = median3(gray);
  const longSide = Math.max(gray.width, gray.height);
  if (pass.contrast === "stretch") stretchContrast(gray);
  else if (pass.contrast === "gamma" || pass.contrast === "deep-gamma") {
    stretchContrast(gray);
    applyLut(gray, pass.contrast === "gamma" ? LINEARIZE : DEEP_GAMMA);
  } else if (pass.contrast === "local") gray = localNormalize(gray, Math.max(4, Math.round(longSide / 40)));
  else if (pass.contrast === "binarize") gray = binarizeLocal(gray, Math.max(4, Math.round(longSide / 12)));
  if (pass.sharpen) gray = sharpen(gray, pass.sharpen);
  const kx = job.srcRect.w / job.tw;
  const ky = job.srcRect.h / job.th;
  // Pass-image coordinates (continuous) ⇄ source pixel coordinates.
  const passToSource = (q: Point): Point => ({ x: job.srcRect.x + q.x * kx - 0.5, y: job.srcRect.y + q.y * ky - 0.5 });
  const sourceToPass = (p: Point): Point => ({ x: (p.x - job.srcRect.x + 0.5) / kx, y: (p.y - job.srcRect.y + 0.5) / ky });
  const toSource = rect
    ? (p: Point) => passToSource(mapPoint(rect.toImage, (p.x + 0.5 - rect.margin) / rect.side, (p.y + 0.5 - rect.margin) / rect.side))
    : (p: Point) => passToSource({ x: p.x + crop.x + 0.5, y: p.y + crop.y + 0.5 });
  const fromSource = (p: Point): Point => {
    const q = sourceToPass(p);
    if (!rect) return { x: q.x - 0.5 - crop.x, y: q.y - 0.5 - crop.y };
    const s = mapPoint(rect.fromImage, q.x, q.y);
    return { x: s.x * rect.side + rect.margin - 0.5, y: s.y * rect.side + rect.margin - 0.5 };
  };
  const img: JobImage = { gray, toSource, fromSource };
  for (const q of ctx.rejectedQuads) maskQuad(img, q);
  return img;
}

/** Paint a refused symbol (original coordinates), enlarged by 15% around its centre, flat grey. */
function maskQuad(img: JobImage, quad: Point[]): void {
  const pts = quad.map(img.fromSource);
  const cx = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const cy = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  fillQuad(
    img.gray,
    pts.map((p) => ({ x: cx + (p.x - cx) * 1.15, y: cy + (p.y - cy) * 1.15 })),
    Math.round(meanGray(img.gray)),
  );
}

type JobOutcome = { text: string; corners: Corners; engine: string; candidates?: DecodeCandidate[] } | null;

/** What the pipeline generator yields: nothing (a breathing point) or an engine's pending read. */
type Step = Promise<unknown> | undefined;

/** Run an engine read; a promise is handed to the driver, which sends its value back. */
function* engineRead(engine: QrEngine, gray: Gray, inversion: PassDescriptor["inversion"], tuning?: EngineTuning): Generator<Step, EngineCode[], unknown> {
  const r = engine.read(gray, { inversion, tuning });
  if (r instanceof Promise) return (yield r) as EngineCode[];
  return r;
}

/**
 * Read one job image with the pass's engine. A refused code (`accept`) is painted over and, for
 * single-code engines, the image read again; an accepted one is the result. With `accept` (the
 * intake's challenge filter) the image is read once more after the accepted code is painted over
 * too, so that two distinct challenges in one photo both reach the agent (`candidates`).
 */
function* runJob(
  ctx: DecodeContext,
  pass: PassDescriptor,
  job: Job,
  engine: QrEngine,
  accept?: (text: string) => boolean,
): Generator<Step, JobOutcome, unknown> {
  const img = buildJobImage(ctx, pass, job);
  if (img.gray.width < 21 || img.gray.height < 21) return null;
  // A located symbol's polarity is known: one scan instead of jsQR's two.
  // A redrawn grid is always dark-on-light.
  const grid = isGridPass(pass);
  const inversion = job.warp ? (job.warp.light && !grid ? "onlyInvert" : "dontInvert") : pass.inversion;
  const found: DecodeCandidate[] = [];
  const reads = engine.multi ? 1 : MAX_REJECTS_PER_REGION + 1;
  for (let attempt = 0; attempt < reads; attempt++) {
    const codes = yield* engineRead(engine, img.gray, inversion, pass.tuning);
    if (codes.length === 0) break;
    let more = false;
    for (const code of codes) {
      const c = code.corners;
      const corners: Corners = {
        topLeft: img.toSource(c.topLeft),
        topRight: img.toSource(c.topRight),
        bottomLeft: img.toSource(c.bottomLeft),
        bottomRight: img.toSource(c.bottomRight),
      };
      const quad = [corners.topLeft, corners.topRight, corners.bottomRight, corners.bottomLeft];
      if (!accept || accept(code.text)) {
        if (!found.some((f) => f.text === code.text)) found.push({ text: code.text, corners });
        // Without a filter the first code is the answer; with one, look for a second challenge.
        if (!accept || engine.multi) continue;
        maskQuad(img, quad);
        more = true;
      } else {
        ctx.rejectedQuads.push(quad);
        if (!ctx.rejectedTexts.includes(code.text)) ctx.rejectedTexts.push(code.text);
        maskQuad(img, quad);
        more = true;
      }
    }
    if (!more || (!accept && found.length > 0)) break;
  }
  if (found.length === 0) return null;
  const first = found[0]!;
  return { text: first.text, corners: first.corners, engine: engine.name, ...(found.length > 1 ? { candidates: found } : {}) };
}

/** The image a second look for other challenges reads (after a crop or a located symbol won). */
const SECOND_LOOK: PassDescriptor = {
  name: "second-look",
  longSide: 1200,
  region: { kind: "full" },
  channel: "luma",
  contrast: "none",
  inversion: "attemptBoth",
};

/**
 * After a challenge was read from a crop or a located symbol, one read of the whole photo (the
 * found codes painted over) for another, different challenge: zxing-cpp when given (every code in
 * one read), else jsQR. Returns the further accepted codes.
 */
function* secondLook(
  ctx: DecodeContext,
  engines: Map<string, QrEngine>,
  found: DecodeCandidate[],
  accept: (text: string) => boolean,
): Generator<Step, DecodeCandidate[], unknown> {
  const engine = engines.get("zxing") ?? engines.get("jsqr") ?? [...engines.values()][0]!;
  const { width: tw, height: th } = passScale(ctx, SECOND_LOOK);
  const img = buildJobImage(ctx, SECOND_LOOK, { key: "second-look", srcRect: FULL(ctx.image), tw, th });
  const quadOf = (c: Corners) => [c.topLeft, c.topRight, c.bottomRight, c.bottomLeft];
  for (const f of found) maskQuad(img, quadOf(f.corners));
  const more: DecodeCandidate[] = [];
  for (let attempt = 0; attempt < (engine.multi ? 1 : MAX_REJECTS_PER_REGION); attempt++) {
    const codes = yield* engineRead(engine, img.gray, "attemptBoth");
    if (codes.length === 0) break;
    for (const code of codes) {
      const c = code.corners;
      const corners = {
        topLeft: img.toSource(c.topLeft),
        topRight: img.toSource(c.topRight),
        bottomLeft: img.toSource(c.bottomLeft),
        bottomRight: img.toSource(c.bottomRight),
      };
      maskQuad(img, quadOf(corners));
      if (accept(code.text) && ![...found, ...more].some((f) => f.text === code.text)) more.push({ text: code.text, corners });
    }
  }
  return more;
}

/** Drive a generator whose steps are all synchronous (jsQR only). */
function runSync<T>(it: Generator<Step, T, unknown>): T {
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
    if (step.value !== undefined) throw new Error("an asynchronous engine (zxing) needs decodeQrAsync");
  }
}

/**
 * Run a single pass to completion (all its regions), ignoring budgets. Used by the benchmark to
 * find out which passes can decode which images.
 */
export async function runSinglePass(
  ctx: DecodeContext,
  pass: PassDescriptor,
  accept?: (text: string) => boolean,
  engine: QrEngine = jsqrEngine,
): Promise<JobOutcome> {
  if (!passApplies(pass, ctx.longSide)) return null;
  for (const job of passJobs(ctx, pass)) {
    const r = await runAsync(runJob(ctx, pass, job, engine, accept), async () => undefined);
    if (r) return r;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Drivers
// ---------------------------------------------------------------------------------------------

/**
 * The budget is a cap, not a starting line: an engine call cannot be interrupted, so one starts
 * only while time is left and, once attempts have been timed, when an average one would still end
 * inside the budget.
 */
export function mayStartAttempt(elapsedMs: number, budgetMs: number, timedMs: number, timedCount: number): boolean {
  return elapsedMs < budgetMs && (timedCount === 0 || elapsedMs + timedMs / timedCount <= budgetMs);
}

export { PHASE_WORDS } from "./phase-words";

/** After this long, every pass reports `trying-harder`. */
const TRYING_HARDER_AFTER_MS = 2000;

export function passPhase(pass: PassDescriptor, elapsedMs: number): DecodePhase {
  if (elapsedMs >= TRYING_HARDER_AFTER_MS) return "trying-harder";
  if ((pass.engine ?? "jsqr") !== "jsqr") return "second-reader";
  if (pass.region.kind === "full" || pass.region.kind === "center") return "reading";
  return "looking-closer";
}

/** The input after the manual assist's `region` and `rotation`, and the way back to input coordinates. */
interface Prepared {
  image: RgbaImage;
  toInput: (p: Point) => Point;
}

function prepareInput(image: RgbaImage, region: DecodeOptions["region"], rotation: DecodeOptions["rotation"]): Prepared | string {
  let img = image;
  let ox = 0;
  let oy = 0;
  if (region !== undefined) {
    const { x, y, width, height } = region ?? ({} as PixelRegion);
    if (![x, y, width, height].every((v) => typeof v === "number" && Number.isFinite(v)) || width <= 0 || height <= 0) {
      return "region must be a rectangle {x, y, width, height} with a positive width and height";
    }
    const x0 = Math.max(0, Math.floor(x));
    const y0 = Math.max(0, Math.floor(y));
    const x1 = Math.min(image.width, Math.ceil(x + width));
    const y1 = Math.min(image.height, Math.ceil(y + height));
    if (x1 <= x0 || y1 <= y0) return "region lies outside the image";
    img = cropRgba(image, x0, y0, x1 - x0, y1 - y0);
    ox = x0;
    oy = y0;
  }
  const rot = rotation ?? 0;
  if (rot !== 0 && rot !== 90 && rot !== 180 && rot !== 270) return "rotation must be 0, 90, 180 or 270";
  const W = img.width;
  const H = img.height;
  // Rotated pixel (x', y') → unrotated (x, y), pixel centres at integers.
  const unrotate =
    rot === 90
      ? (p: Point) => ({ x: p.y, y: H - 1 - p.x })
      : rot === 180
        ? (p: Point) => ({ x: W - 1 - p.x, y: H - 1 - p.y })
        : rot === 270
          ? (p: Point) => ({ x: W - 1 - p.y, y: p.x })
          : (p: Point) => p;
  if (rot !== 0) img = rotateRgba(img, rot);
  return {
    image: img,
    toInput: (p) => {
      const q = unrotate(p);
      return { x: q.x + ox, y: q.y + oy };
    },
  };
}

function mapCorners(c: Corners, f: (p: Point) => Point): Corners {
  return { topLeft: f(c.topLeft), topRight: f(c.topRight), bottomLeft: f(c.bottomLeft), bottomRight: f(c.bottomRight) };
}

/** The pipeline as a generator that yields between engine calls (so async drivers can breathe) and on every async engine read. */
function* pipeline(input: RgbaImage, options: DecodeOptions): Generator<Step, DecodeResult, unknown> {
  const now = options.now ?? defaultNow;
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const t0 = now();
  const passTimings: PassTiming[] = [];
  const timings = () => ({ totalMs: now() - t0, passes: passTimings });
  const fail = (reason: DecodeFailureReason, ctx?: DecodeContext, message?: string): DecodeResult => {
    const r: DecodeResult = { ok: false, reason, timings: timings() };
    if (message) r.message = message;
    if (ctx && ctx.rejectedTexts.length) r.rejected = [...ctx.rejectedTexts];
    return r;
  };

  const check = checkImage(input);
  if (check !== "ok") return fail(check);
  if (options.signal?.aborted) return fail("cancelled");
  const prepared = prepareInput(input, options.region, options.rotation);
  if (typeof prepared === "string") return fail("invalid-options", undefined, prepared);
  const image = prepared.image;
  const cropCheck = checkImage(image);
  if (cropCheck !== "ok") return fail(cropCheck);

  const engines = new Map<string, QrEngine>((options.engines ?? [jsqrEngine]).map((e) => [e.name, e]));
  const ctx = createDecodeContext(image);
  const passes = (options.passes ?? DEFAULT_PASSES).filter((p) => passApplies(p, ctx.longSide) && engines.has(p.engine ?? "jsqr"));
  const seen = new Set<string>();
  // Engine calls after the first, timed for mayStartAttempt (the first also pays for reading the photo).
  let jobsRun = 0;
  let jobsMs = 0;
  let preloaded = false;
  const outOfTime = () => !mayStartAttempt(now() - t0, budget, jobsMs, Math.max(0, jobsRun - 1));

  for (let i = 0; i < passes.length; i++) {
    const pass = passes[i]!;
    const engine = engines.get(pass.engine ?? "jsqr")!;
    // Between passes: stop checks first, so a cancel or an exhausted budget never starts more work.
    if (options.signal?.aborted) return fail("cancelled", ctx);
    if (outOfTime()) return fail("timeout", ctx);
    if (i > 0 && !preloaded) {
      // The first pass missed: this photo is not an easy one, so lazily loaded engines start loading now.
      preloaded = true;
      for (const e of engines.values()) e.load?.().catch(() => undefined);
    }
    options.onProgress?.(i, passes.length, pass.name, passPhase(pass, now() - t0));
    const tp = now();
    let ran = false;
    const jobs = passJobs(ctx, pass);
    for (const job of jobs) {
      const key = `${engine.name}|${JSON.stringify(pass.tuning ?? {})}|${job.key}|${pass.channel}|${pass.median ? "median" : ""}|${pass.contrast}|${pass.sharpen ?? 0}|${pass.inversion}|${ctx.rejectedQuads.length}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (ran) {
        // Between regions of one pass.
        yield;
        if (options.signal?.aborted) {
          passTimings.push({ pass: pass.name, ms: now() - tp });
          return fail("cancelled", ctx);
        }
        if (outOfTime()) {
          passTimings.push({ pass: pass.name, ms: now() - tp });
          return fail("timeout", ctx);
        }
      }
      ran = true;
      const tj = now();
      const r = yield* runJob(ctx, pass, job, engine, options.accept);
      if (jobsRun++ > 0) jobsMs += now() - tj;
      if (options.signal?.aborted) {
        passTimings.push({ pass: pass.name, ms: now() - tp });
        return fail("cancelled", ctx);
      }
      if (r) {
        // A crop or a located symbol won: the rest of the photo was not read for a second challenge.
        if (options.accept && (job.crop || job.warp || job.srcRect.w !== image.width || job.srcRect.h !== image.height)) {
          const found = r.candidates ?? [{ text: r.text, corners: r.corners }];
          const more = yield* secondLook(ctx, engines, found, options.accept);
          if (more.length) r.candidates = [...found, ...more];
        }
        passTimings.push({ pass: pass.name, ms: now() - tp });
        const result: DecodeResult = {
          ok: true,
          text: r.text,
          pass: pass.name,
          engine: r.engine,
          corners: mapCorners(r.corners, prepared.toInput),
          timings: timings(),
        };
        if (r.candidates) result.candidates = r.candidates.map((c) => ({ text: c.text, corners: mapCorners(c.corners, prepared.toInput) }));
        return result;
      }
    }
    if (ran || jobs.length === 0) passTimings.push({ pass: pass.name, ms: now() - tp });
    if (ran) yield;
  }
  return fail("not-found", ctx);
}

/** Decode synchronously (Node, tests). Blocks for up to the time budget plus one jsQR call. */
export function decodeQr(image: RgbaImage, options: DecodeOptions = {}): DecodeResult {
  return runSync(pipeline(image, options));
}

/** A macrotask boundary: lets a worker process `cancel` messages between passes. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof MessageChannel !== "undefined") {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    } else {
      setTimeout(resolve, 0);
    }
  });
}

/**
 * Decode, yielding to the event loop between jsQR attempts so that cancellation (and progress
 * messages) are processed. Use this in Web Workers and on the main thread.
 */
export function decodeQrAsync(image: RgbaImage, options: DecodeOptions = {}): Promise<DecodeResult> {
  return runAsync(pipeline(image, options), macrotask);
}

/** Drive a generator: engine reads are awaited, breathing points wait for `breathe`. */
async function runAsync<T>(it: Generator<Step, T, unknown>, breathe: () => Promise<void>): Promise<T> {
  let sent: unknown;
  for (;;) {
    const step = it.next(sent);
    if (step.done) return step.value;
    sent = undefined;
    if (step.value !== undefined) sent = await step.value;
    else await breathe();
  }
}
