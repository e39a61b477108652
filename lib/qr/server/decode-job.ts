/**
 * One server-side decode: file bytes → RGBA (`load-image.ts`) → the pipeline with both engines
 * (jsQR, then zxing-cpp). Runs inside a pool worker (`decode-worker.ts`) or, for the CLI, in
 * process. Plain data in and out, so it crosses `postMessage` unchanged.
 */
import { CHALLENGE_TEXT } from "../challenge-text";
import { jsqrEngine } from "../engines";
import { decodeQrAsync, EXTENDED_TIME_BUDGET_MS } from "../pipeline";
import type { CancelSignal, DecodeResult, DecodeTimings, PassDescriptor, PixelRegion, ProgressCallback, Rotation } from "../types";
import { ImageLoadError, loadImageBuffer, type ImageFormat, type ImageLoadErrorCode } from "./load-image";
import { nodeZxingEngine } from "./zxing-node";

export interface ServerDecodeOptions {
  /** Pipeline budget in ms (default `EXTENDED_TIME_BUDGET_MS`, 4 s; easy photos end far sooner). Loading is not counted. */
  timeBudgetMs?: number;
  /** Take the first code of any kind; default: reset challenges only (`CHALLENGE_TEXT`), other codes are skipped. */
  any?: boolean;
  /** Accept only texts matching this pattern (source and flags, so it crosses postMessage); overrides `any`. */
  accept?: { source: string; flags?: string };
  region?: PixelRegion;
  rotation?: Rotation;
  /** Decompression-bomb guard (default `DEFAULT_MAX_PIXELS`). */
  maxPixels?: number;
  /** Engines to use (default both); the CLI's `--engines` and the bench compare them. */
  engines?: ("jsqr" | "zxing")[];
  /** Pass list (default `DEFAULT_PASSES`): plain data, so it crosses postMessage; the bench's baseline runs an earlier list. */
  passes?: readonly PassDescriptor[];
}

export type ServerFailureReason = ImageLoadErrorCode | "worker-failed";

export type ServerDecodeResult =
  | (DecodeResult & { format: ImageFormat; width: number; height: number; loadMs: number })
  | { ok: false; reason: ServerFailureReason; message: string; timings: DecodeTimings; loadMs: number };

const NO_TIMINGS = (): DecodeTimings => ({ totalMs: 0, passes: [] });

export function acceptFor(opts: Pick<ServerDecodeOptions, "any" | "accept">): ((text: string) => boolean) | undefined {
  if (opts.accept) {
    const re = new RegExp(opts.accept.source, opts.accept.flags);
    return (t) => {
      re.lastIndex = 0;
      return re.test(t);
    };
  }
  return opts.any ? undefined : (t) => CHALLENGE_TEXT.test(t);
}

export async function runDecodeJob(
  bytes: Uint8Array,
  mime: string | undefined,
  opts: ServerDecodeOptions,
  signal?: CancelSignal,
  onProgress?: ProgressCallback,
): Promise<ServerDecodeResult> {
  const t0 = performance.now();
  let image;
  try {
    image = await loadImageBuffer(bytes, mime, { maxPixels: opts.maxPixels });
  } catch (e) {
    const loadMs = performance.now() - t0;
    if (e instanceof ImageLoadError) return { ok: false, reason: e.code, message: e.message, timings: NO_TIMINGS(), loadMs };
    return { ok: false, reason: "load-failed", message: e instanceof Error ? e.message : String(e), timings: NO_TIMINGS(), loadMs };
  }
  const loadMs = performance.now() - t0;
  const names = opts.engines ?? ["jsqr", "zxing"];
  const engines = [...(names.includes("jsqr") ? [jsqrEngine] : []), ...(names.includes("zxing") ? [nodeZxingEngine()] : [])];
  const r = await decodeQrAsync(image, {
    engines,
    timeBudgetMs: opts.timeBudgetMs ?? EXTENDED_TIME_BUDGET_MS,
    accept: acceptFor(opts),
    region: opts.region,
    rotation: opts.rotation,
    passes: opts.passes,
    signal,
    onProgress,
  });
  return { ...r, format: image.format, width: image.width, height: image.height, loadMs };
}
