/**
 * Message protocol and handler of the decode worker, separated from `decode.worker.ts` so it can
 * be unit-tested in Node with `imageData` messages, a fake `post` and Node's own file loaders.
 *
 * One photo at a time is kept open in the worker (the last `open`): the manual assist reads a box
 * of it again at full resolution without the page sending, or the worker decoding, the file twice.
 *
 * Reading one image is the pipeline (`pipeline.ts`, `DEFAULT_PASSES`) with both engines, the same
 * as the server and the CLI, inside one time budget (`INTAKE_BUDGET_MS`; about 6 s in all): its passes are
 * cheapest first, so an easy photo is read at the first pass, and its phases (`reading`,
 * `second-reader`, `looking-closer`, `trying-harder`) are posted as progress. After a find,
 * `others`: zxing-cpp lists every code in the photo, so that a photo with two different reset
 * challenges is never read as just the first one found. Cancel is honoured between engine calls.
 */
import { cornersToImage, planAssist, AssistError, type AssistPlan, type AssistRequest } from "./assist";
import { jsqrEngine, type QrEngine } from "./engines";
import { grayFromPlanes, resampleRect } from "./image-ops";
import { decodeQrAsync } from "./pipeline";
import type { Corners, DecodeFailureReason, DecodePhase as PipelinePhase, DecodeSuccess, DecodeTimings, PassTiming, Point, RgbaImage } from "./types";
import type { ImageFormat } from "./image-format";

export type RequestId = number | string;

/** What the agent is told one reading takes at most ("… of up to 6 s"): opening the photo, the pipeline and the check for other codes. */
export const INTAKE_TOTAL_MS = 6000;
/** The pipeline's own budget inside it, leaving room for loading, the last engine call and the check for other codes. */
export const INTAKE_BUDGET_MS = 4500;
/** The automatic passes read a copy of at most this long side (see `bitmap.ts`). */
export const AUTO_MAX_SIDE = 2400;
/** The check for other codes reads a copy of at most this long side (fast; the codes are known to be readable). */
const OTHERS_MAX_SIDE = 1200;

/** Options that can cross postMessage (functions can't: `accept` is given as a RegExp source). */
export interface WorkerDecodeOptions {
  timeBudgetMs?: number;
  accept?: { source: string; flags?: string };
  /** Use the second reader (zxing-cpp) when the worker has one; default true. */
  secondReader?: boolean;
}

/** The pipeline's phases, and opening the file before them and the check for other codes after a find. */
export type DecodePhase = "loading" | PipelinePhase | "others";

export type ClientFailureReason =
  | DecodeFailureReason
  /** Not a format the console opens (PDF, TIFF, not an image). */
  | "unsupported-format"
  /** A supported format that failed to load (truncated or damaged file). */
  | "load-failed"
  /** The assist's box or angle cannot be read, or the photo is no longer open. */
  | "bad-assist"
  /** The worker crashed. */
  | "worker-failed";

export interface Candidate {
  text: string;
  /** In the photo's own (oriented) pixels. */
  corners: Corners;
}

export interface WorkerSuccess extends DecodeSuccess {
  engine: "jsqr" | "zxing";
  /** Every distinct accepted code in the photo, the found one first (more than one: the agent picks). */
  candidates: Candidate[];
}

export interface WorkerFailure {
  ok: false;
  reason: ClientFailureReason;
  /** A sentence for the agent (load failures, unsupported formats, assist problems). */
  message?: string;
  timings: DecodeTimings;
  rejected?: string[];
}

export type WorkerResult = WorkerSuccess | WorkerFailure;

export type WorkerRequest =
  /** Open a file (kept for the assist) and read it. */
  | { id: RequestId; type: "open"; file: Blob; options?: WorkerDecodeOptions }
  /** Read raw pixels (tests, benches); also kept for the assist. */
  | { id: RequestId; type?: "decode"; imageData: RgbaImage; options?: WorkerDecodeOptions }
  /** Read a box of the open photo, turned; `photo` is the id of the request that opened it. */
  | { id: RequestId; type: "assist"; photo: RequestId; assist: AssistRequest; options?: WorkerDecodeOptions }
  | { id: RequestId; type: "cancel" }
  /** Forget the open photo (frees its memory). */
  | { id: RequestId; type: "close" };

export type WorkerResponse =
  | { id: RequestId; type: "loaded"; width: number; height: number; format: ImageFormat | "pixels"; preview?: Blob }
  | { id: RequestId; type: "progress"; phase: DecodePhase; elapsedMs: number; budgetMs: number; pass?: string }
  /** The first accepted code, before the check for others (the final `result` follows). */
  | { id: RequestId; type: "found"; result: WorkerSuccess }
  | { id: RequestId; type: "result"; result: WorkerResult };

/** An opened photo: its oriented size, and the pixels the stages read. */
export interface PhotoSource {
  width: number;
  height: number;
  /** The photo (or an assist box of it, `plan`) drawn at the plan's size. */
  render(plan: AssistPlan): RgbaImage;
  close(): void;
}

/** A load failure with the words for the agent. */
export class PhotoLoadError extends Error {
  constructor(
    readonly reason: "unsupported-format" | "load-failed",
    message: string,
  ) {
    super(message);
  }
}

export interface OpenedPhoto {
  source: PhotoSource;
  format: ImageFormat;
  /** For formats an <img> cannot show (HEIC): a JPEG the page can. */
  preview?: Blob;
}

export interface WorkerHandlerDeps {
  post: (msg: WorkerResponse) => void;
  /** Blob → photo (browser: createImageBitmap or libheif). Throws `PhotoLoadError`. */
  openFile?: (file: Blob) => Promise<OpenedPhoto>;
  /** The second reader (zxing-cpp, `createZxingEngine`); absent: jsQR's passes alone. */
  zxing?: QrEngine;
  now?: () => number;
}

const NO_TIMINGS = (): DecodeTimings => ({ totalMs: 0, passes: [] });

/** Raw pixels as a photo source (nearest neighbour: tests, benches and the `imageData` path). */
export function pixelSource(image: RgbaImage): PhotoSource {
  return {
    width: image.width,
    height: image.height,
    render(plan) {
      if (plan.outWidth === image.width && plan.outHeight === image.height && plan.matrix[1] === 0 && plan.matrix[0] === 1 && plan.matrix[4] === 0)
        return image;
      const out = new Uint8ClampedArray(plan.outWidth * plan.outHeight * 4).fill(255);
      for (let y = 0; y < plan.outHeight; y++) {
        for (let x = 0; x < plan.outWidth; x++) {
          const p = plan.toImage({ x: x + 0.5, y: y + 0.5 });
          const sx = Math.floor(p.x);
          const sy = Math.floor(p.y);
          if (sx < 0 || sy < 0 || sx >= image.width || sy >= image.height) continue;
          const si = (sy * image.width + sx) * 4;
          const di = (y * plan.outWidth + x) * 4;
          out[di] = image.data[si]!;
          out[di + 1] = image.data[si + 1]!;
          out[di + 2] = image.data[si + 2]!;
        }
      }
      return { data: out, width: plan.outWidth, height: plan.outHeight };
    },
    close() {},
  };
}

/** The whole photo at most `maxSide` px (the automatic passes' view). */
function wholePlan(source: PhotoSource, maxSide: number): AssistPlan {
  const long = Math.max(source.width, source.height);
  const s = long > maxSide ? maxSide / long : 1;
  const outWidth = Math.max(1, Math.round(source.width * s));
  const outHeight = Math.max(1, Math.round(source.height * s));
  const kx = outWidth / source.width;
  const ky = outHeight / source.height;
  return {
    outWidth,
    outHeight,
    matrix: [kx, 0, 0, ky, 0, 0],
    toImage: (p: Point) => ({ x: p.x / kx, y: p.y / ky }),
    source: { x: 0, y: 0, width: source.width, height: source.height },
  };
}

function acceptOf(options?: WorkerDecodeOptions): (t: string) => boolean {
  if (!options?.accept) return () => true;
  const re = new RegExp(options.accept.source, options.accept.flags);
  return (t) => {
    re.lastIndex = 0;
    return re.test(t);
  };
}

interface Run {
  id: RequestId;
  signal: { aborted: boolean };
  options?: WorkerDecodeOptions;
}

export function createWorkerHandler(deps: WorkerHandlerDeps): (msg: WorkerRequest) => Promise<void> {
  const now = deps.now ?? (() => performance.now());
  const active = new Map<RequestId, { aborted: boolean }>();
  let open: { id: RequestId; source: PhotoSource } | null = null;

  function keep(id: RequestId, source: PhotoSource) {
    if (open && open.source !== source) open.source.close();
    open = { id, source };
  }

  /** The stages on one image; corners come back through `plan` into the photo's pixels. */
  async function read(run: Run, source: PhotoSource, plan: AssistPlan): Promise<WorkerResult> {
    const { id, signal, options } = run;
    const budget = options?.timeBudgetMs ?? INTAKE_BUDGET_MS;
    const shown = options?.timeBudgetMs ?? INTAKE_TOTAL_MS;
    const t0 = now();
    const elapsed = () => now() - t0;
    const progress = (phase: DecodePhase, pass?: string) => deps.post({ id, type: "progress", phase, elapsedMs: Math.round(elapsed()), budgetMs: shown, pass });
    const accept = acceptOf(options);
    const zxing = options?.secondReader === false ? undefined : deps.zxing;
    const passes: PassTiming[] = [];
    const rejected = new Set<string>();
    const timings = (): DecodeTimings => ({ totalMs: elapsed(), passes: [...passes] });
    const fail = (reason: ClientFailureReason): WorkerFailure => ({
      ok: false,
      reason,
      timings: timings(),
      ...(rejected.size ? { rejected: [...rejected] } : {}),
    });

    progress("reading");
    const image = source.render(plan);
    const toPhoto = (c: Corners) => cornersToImage(plan, c);

    const succeed = async (text: string, pass: string, engine: WorkerSuccess["engine"], corners: Corners): Promise<WorkerSuccess> => {
      const found: WorkerSuccess = { ok: true, text, pass, engine, corners: toPhoto(corners), timings: timings(), candidates: [] };
      found.candidates = [{ text, corners: found.corners }];
      if (!zxing || signal.aborted) return found;
      deps.post({ id, type: "found", result: found });
      progress("others");
      // Every code zxing-cpp sees in a smaller copy: the photo is known to hold a readable one.
      const small = planAssistWhole(plan, OTHERS_MAX_SIDE);
      const view = small ? source.render(small) : image;
      const gray = grayFromPlanes(resampleRect(view, { x: 0, y: 0, w: view.width, h: view.height }, view.width, view.height), "luma");
      const symbols = await Promise.resolve(zxing.read(gray, { inversion: "attemptBoth", maxSymbols: 8, tuning: { downscale: true } })).catch(() => []);
      const back = (c: Corners) => (small ? cornersToImage(small, c) : toPhoto(c));
      for (const s of symbols) {
        if (!accept(s.text)) rejected.add(s.text);
        else if (!found.candidates.some((c) => c.text === s.text)) found.candidates.push({ text: s.text, corners: back(s.corners) });
      }
      found.timings = timings();
      return found;
    };

    // The pipeline, both engines, the whole pass list.
    const r = await decodeQrAsync(image, {
      engines: zxing ? [jsqrEngine, zxing] : [jsqrEngine],
      timeBudgetMs: budget,
      signal,
      accept,
      now,
      onProgress: (_i, _n, pass, phase) => progress(phase ?? "reading", pass),
    });
    passes.push(...r.timings.passes);
    if (r.ok) return succeed(r.text, r.pass, r.engine === "zxing" ? "zxing" : "jsqr", r.corners);
    r.rejected?.forEach((t) => rejected.add(t));
    return fail(signal.aborted ? "cancelled" : r.reason);
  }

  async function handle(run: Run, getSource: () => Promise<{ source: PhotoSource; plan: AssistPlan }>): Promise<void> {
    let result: WorkerResult;
    try {
      const { source, plan } = await getSource();
      result = await read(run, source, plan);
    } catch (e) {
      if (e instanceof PhotoLoadError) result = { ok: false, reason: e.reason, message: e.message, timings: NO_TIMINGS() };
      else if (e instanceof AssistError) result = { ok: false, reason: "bad-assist", message: `That box cannot be read: ${e.message}.`, timings: NO_TIMINGS() };
      else result = { ok: false, reason: "invalid-image", message: "The photo could not be read.", timings: NO_TIMINGS() };
    }
    deps.post({ id: run.id, type: "result", result });
  }

  return async (msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "cancel") {
      const s = active.get(msg.id);
      if (s) s.aborted = true;
      return;
    }
    if (msg.type === "close") {
      open?.source.close();
      open = null;
      return;
    }
    const run: Run = { id: msg.id, signal: { aborted: false }, options: msg.options };
    active.set(msg.id, run.signal);
    try {
      if (msg.type === "open") {
        await handle(run, async () => {
          if (!deps.openFile) throw new PhotoLoadError("load-failed", "This browser cannot open photos in the background.");
          deps.post({ id: msg.id, type: "progress", phase: "loading", elapsedMs: 0, budgetMs: msg.options?.timeBudgetMs ?? INTAKE_TOTAL_MS });
          const opened = await deps.openFile(msg.file);
          keep(msg.id, opened.source);
          deps.post({ id: msg.id, type: "loaded", width: opened.source.width, height: opened.source.height, format: opened.format, preview: opened.preview });
          return { source: opened.source, plan: wholePlan(opened.source, AUTO_MAX_SIDE) };
        });
      } else if (msg.type === "assist") {
        await handle(run, async () => {
          if (!open || open.id !== msg.photo) throw new AssistError("the photo is no longer open; drop it again");
          return { source: open.source, plan: planAssist(open.source.width, open.source.height, msg.assist) };
        });
      } else {
        await handle(run, async () => {
          const source = pixelSource(msg.imageData);
          keep(msg.id, source);
          return { source, plan: wholePlan(source, AUTO_MAX_SIDE) };
        });
      }
    } finally {
      active.delete(msg.id);
    }
  };
}

/** The same view as `plan` (whole photo or box), at most `maxSide` px; null when already that small. */
function planAssistWhole(plan: AssistPlan, maxSide: number): AssistPlan | null {
  const long = Math.max(plan.outWidth, plan.outHeight);
  if (long <= maxSide) return null;
  const k = maxSide / long;
  const outWidth = Math.max(1, Math.round(plan.outWidth * k));
  const outHeight = Math.max(1, Math.round(plan.outHeight * k));
  const kx = outWidth / plan.outWidth;
  const ky = outHeight / plan.outHeight;
  const [a, b, c, d, e, f] = plan.matrix;
  return {
    outWidth,
    outHeight,
    matrix: [a * kx, b * ky, c * kx, d * ky, e * kx, f * ky],
    toImage: (p) => plan.toImage({ x: p.x / kx, y: p.y / ky }),
    source: plan.source,
  };
}
