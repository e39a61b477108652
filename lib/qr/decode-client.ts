/**
 * Browser-side helper: decode a QR code from an image file (photo, screenshot, chat thumbnail) in
 * a Web Worker. Framework-free (no React).
 *
 *   const r = await decodeImageFile(file, { onProgress, signal, accept: /^https:\/\/reset\./ });
 *   if (r.ok) use(r.text); else show(r.message ?? r.reason);
 *
 * The image is loaded with `createImageBitmap(file, {imageOrientation: 'from-image'})` (EXIF
 * orientation applied), transferred to the worker, downscaled there to ≤ 2400 px and decoded by
 * the same pipeline as the Node CLI. One worker is created lazily and reused; requests are keyed
 * by id. Without Worker support the pipeline runs on the main thread (yielding between passes).
 */
import { bitmapToRgba } from "./bitmap";
import { decodeQrAsync } from "./pipeline";
import type { DecodeFailureReason, DecodeResult, DecodeSuccess, DecodeTimings, ProgressCallback } from "./types";
import type { RequestId, WorkerDecodeOptions, WorkerRequest, WorkerResponse } from "./worker-handler";

export type ClientFailureReason =
  | DecodeFailureReason
  /** The browser can't decode this file format (typically HEIC/HEIF from iPhones, or not an image). */
  | "unsupported-format"
  /** A supported format that failed to load (truncated or damaged file). */
  | "load-failed"
  /** The worker crashed. */
  | "worker-failed";

export interface ClientDecodeFailure {
  ok: false;
  reason: ClientFailureReason;
  /** Human-readable explanation for load failures. */
  message?: string;
  timings: DecodeTimings;
  rejected?: string[];
}

export type ClientDecodeResult = DecodeSuccess | ClientDecodeFailure;

export interface DecodeImageFileOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Total pipeline budget in ms (default: the pipeline's 1000 ms). */
  timeBudgetMs?: number;
  /** Only accept texts matching this pattern (e.g. RP1 URLs); other QR codes are skipped. */
  accept?: RegExp;
}

const NO_TIMINGS = (): DecodeTimings => ({ totalMs: 0, passes: [] });

// ---------------------------------------------------------------------------------------------
// Load failures
// ---------------------------------------------------------------------------------------------

const HEIF_BRANDS = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

/** Sniff the ISO-BMFF `ftyp` brand (HEIC/HEIF/AVIF) from the first bytes. */
async function sniffBrand(file: Blob): Promise<string | null> {
  try {
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    if (head.length < 12) return null;
    const ftyp = String.fromCharCode(head[4]!, head[5]!, head[6]!, head[7]!);
    if (ftyp !== "ftyp") return null;
    return String.fromCharCode(head[8]!, head[9]!, head[10]!, head[11]!);
  } catch {
    return null;
  }
}

export async function classifyLoadFailure(file: Blob): Promise<ClientDecodeFailure> {
  const type = (file.type || "").toLowerCase();
  const name = "name" in file && typeof (file as File).name === "string" ? (file as File).name.toLowerCase() : "";
  const brand = await sniffBrand(file);
  if (/hei[cf]/.test(type) || /\.hei[cf]$/.test(name) || (brand !== null && HEIF_BRANDS.includes(brand))) {
    return {
      ok: false,
      reason: "unsupported-format",
      message:
        "This photo is in HEIC format, which this browser can't open. Please send a JPEG or PNG instead " +
        "(on iPhone: Settings → Camera → Formats → Most Compatible, or share the photo as JPEG / take a screenshot).",
      timings: NO_TIMINGS(),
    };
  }
  if (brand === "avif" || brand === "avis") {
    return {
      ok: false,
      reason: "unsupported-format",
      message: "This AVIF image can't be opened by this browser. Please send a JPEG or PNG.",
      timings: NO_TIMINGS(),
    };
  }
  if (type && !type.startsWith("image/")) {
    return {
      ok: false,
      reason: "unsupported-format",
      message: `This file (${type}) is not an image. Please send a photo or screenshot of the QR code.`,
      timings: NO_TIMINGS(),
    };
  }
  return {
    ok: false,
    reason: "load-failed",
    message: "The image could not be read — the file may be incomplete or damaged. Please send it again.",
    timings: NO_TIMINGS(),
  };
}

// ---------------------------------------------------------------------------------------------
// Worker management
// ---------------------------------------------------------------------------------------------

interface Pending {
  resolve: (r: ClientDecodeResult) => void;
  onProgress?: ProgressCallback;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<RequestId, Pending>();

function failAll(reason: ClientFailureReason, message: string): void {
  for (const [id, p] of pending) {
    pending.delete(id);
    p.resolve({ ok: false, reason, message, timings: NO_TIMINGS() });
  }
}

function getWorker(): Worker | null {
  if (worker) return worker;
  if (typeof Worker === "undefined") return null;
  const w = new Worker(new URL("./decode.worker.ts", import.meta.url), { type: "module" });
  w.addEventListener("message", (ev: MessageEvent<WorkerResponse>) => {
    const msg = ev.data;
    const p = pending.get(msg.id);
    if (!p) return; // cancelled or unknown
    if (msg.type === "progress") p.onProgress?.(msg.passIndex, msg.passCount, msg.pass);
    else {
      pending.delete(msg.id);
      p.resolve(msg.result);
    }
  });
  w.addEventListener("error", () => {
    disposeDecodeWorker();
    failAll("worker-failed", "The QR decoder stopped unexpectedly. Please try again.");
  });
  worker = w;
  return w;
}

/** Terminate the shared worker (e.g. on page teardown); pending requests resolve as 'cancelled'. */
export function disposeDecodeWorker(): void {
  worker?.terminate();
  worker = null;
  failAll("cancelled", "The decoder was shut down.");
}

// ---------------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------------

export async function decodeImageFile(file: Blob, options: DecodeImageFileOptions = {}): Promise<ClientDecodeResult> {
  const { signal, onProgress } = options;
  const cancelled = (): ClientDecodeResult => ({ ok: false, reason: "cancelled", timings: NO_TIMINGS() });
  if (signal?.aborted) return cancelled();

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return classifyLoadFailure(file);
  }
  if (signal?.aborted) {
    bitmap.close();
    return cancelled();
  }

  const workerOptions: WorkerDecodeOptions = {
    timeBudgetMs: options.timeBudgetMs,
    accept: options.accept ? { source: options.accept.source, flags: options.accept.flags } : undefined,
  };

  const w = getWorker();
  if (!w) {
    // Main-thread fallback (no Worker support): same pipeline, yielding between passes.
    try {
      const { image, scale } = bitmapToRgba(bitmap);
      bitmap.close();
      const accept = options.accept;
      const result: DecodeResult = await decodeQrAsync(image, {
        timeBudgetMs: options.timeBudgetMs,
        signal,
        onProgress,
        accept: accept ? (t) => ((accept.lastIndex = 0), accept.test(t)) : undefined,
      });
      if (result.ok && scale !== 1) {
        const k = 1 / scale;
        const s = (p: { x: number; y: number }) => ({ x: p.x * k, y: p.y * k });
        const c = result.corners;
        result.corners = { topLeft: s(c.topLeft), topRight: s(c.topRight), bottomLeft: s(c.bottomLeft), bottomRight: s(c.bottomRight) };
      }
      return result;
    } catch {
      return { ok: false, reason: "load-failed", message: "The image could not be processed in this browser.", timings: NO_TIMINGS() };
    }
  }

  const id = nextId++;
  return new Promise<ClientDecodeResult>((resolve) => {
    const onAbort = () => {
      if (!pending.has(id)) return;
      pending.delete(id);
      const cancel: WorkerRequest = { id, type: "cancel" };
      w.postMessage(cancel);
      resolve(cancelled());
    };
    pending.set(id, {
      onProgress,
      resolve: (r) => {
        signal?.removeEventListener("abort", onAbort);
        resolve(r);
      },
    });
    signal?.addEventListener("abort", onAbort, { once: true });
    const req: WorkerRequest = { id, bitmap, options: workerOptions };
    w.postMessage(req, [bitmap]);
  });
}
