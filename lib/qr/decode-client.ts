/**
 * Browser side of the QR decode: hands the customer's file to the decode worker and reports
 * back. Framework-free (no React).
 *
 *   const r = await openPhoto(file, { accept: CHALLENGE_TEXT, signal, onLoaded, onProgress, onFound });
 *   if (r.ok) use(r.candidates); else show(r.message);
 *   const again = await assistPhoto(r.photo, { region, rotation }, { accept: CHALLENGE_TEXT });
 *
 * The page never decodes the file itself: the worker opens it (HEIC included), reads it in stages
 * within ~6 s (`worker-handler.ts`) and keeps it open for the manual assist. One worker is
 * created on first use and reused; requests are keyed by id. Without Worker support the same
 * handler runs on the page (loaded only then), yielding between passes.
 */
import type { AssistRequest } from "./assist";
import type { DecodeTimings } from "./types";
import type {
  DecodePhase,
  RequestId,
  WorkerDecodeOptions,
  WorkerRequest,
  WorkerResponse,
  WorkerResult,
  WorkerSuccess,
  ClientFailureReason,
} from "./worker-handler";

export type { Candidate, ClientFailureReason, DecodePhase, WorkerResult, WorkerSuccess } from "./worker-handler";

export interface PhotoInfo {
  width: number;
  height: number;
  format: string;
  /** A JPEG the page can show, for formats an <img> cannot (HEIC). */
  preview?: Blob;
}

export interface ProgressInfo {
  phase: DecodePhase;
  elapsedMs: number;
  budgetMs: number;
}

export interface DecodeRequestOptions {
  signal?: AbortSignal;
  /** Only codes whose text matches are taken (e.g. reset challenges); others are skipped. */
  accept?: RegExp;
  /** The whole reading's budget in ms (default: the worker's ~6 s). */
  timeBudgetMs?: number;
  onProgress?: (p: ProgressInfo) => void;
  /** The first code found, before the worker has checked the photo for others. */
  onFound?: (r: WorkerSuccess) => void;
}

export interface OpenPhotoOptions extends DecodeRequestOptions {
  onLoaded?: (info: PhotoInfo) => void;
}

/** A result, and which open photo the assist should refer to. */
export type ClientResult = WorkerResult & { photo: RequestId };

const NO_TIMINGS = (): DecodeTimings => ({ totalMs: 0, passes: [] });

interface Port {
  post(msg: WorkerRequest): void;
}

interface Pending {
  resolve: (r: WorkerResult) => void;
  options: OpenPhotoOptions;
}

let port: Port | null = null;
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<RequestId, Pending>();

function deliver(msg: WorkerResponse): void {
  const p = pending.get(msg.id);
  if (!p) return; // cancelled or unknown
  if (msg.type === "progress") p.options.onProgress?.({ phase: msg.phase, elapsedMs: msg.elapsedMs, budgetMs: msg.budgetMs });
  else if (msg.type === "loaded") p.options.onLoaded?.({ width: msg.width, height: msg.height, format: msg.format, preview: msg.preview });
  else if (msg.type === "found") p.options.onFound?.(msg.result);
  else {
    pending.delete(msg.id);
    p.resolve(msg.result);
  }
}

function failAll(reason: ClientFailureReason, message: string): void {
  for (const [id, p] of pending) {
    pending.delete(id);
    p.resolve({ ok: false, reason, message, timings: NO_TIMINGS() });
  }
}

async function getPort(): Promise<Port> {
  if (port) return port;
  if (typeof Worker !== "undefined") {
    const w = new Worker(new URL("./decode.worker.ts", import.meta.url), { type: "module" });
    w.addEventListener("message", (ev: MessageEvent<WorkerResponse>) => deliver(ev.data));
    w.addEventListener("error", () => {
      disposeDecodeWorker();
      failAll("worker-failed", "The QR reader stopped unexpectedly. Please try again.");
    });
    worker = w;
    port = { post: (m) => w.postMessage(m) };
  } else {
    // No Web Worker: the same handler on the page (its own chunk, loaded only here).
    const { createBrowserDecoder } = await import("./browser-decoder");
    const handle = createBrowserDecoder(deliver);
    port = { post: (m) => void handle(m) };
  }
  return port;
}

/** Terminate the shared worker (e.g. on page teardown); pending requests resolve as 'cancelled'. */
export function disposeDecodeWorker(): void {
  worker?.terminate();
  worker = null;
  port = null;
  failAll("cancelled", "The reader was shut down.");
}

function workerOptions(options: DecodeRequestOptions): WorkerDecodeOptions {
  return {
    timeBudgetMs: options.timeBudgetMs,
    accept: options.accept ? { source: options.accept.source, flags: options.accept.flags } : undefined,
  };
}

async function request(build: (id: RequestId) => WorkerRequest, options: OpenPhotoOptions): Promise<ClientResult> {
  const id = nextId++;
  const cancelled = (): ClientResult => ({ ok: false, reason: "cancelled", timings: NO_TIMINGS(), photo: id });
  if (options.signal?.aborted) return cancelled();
  const p = await getPort();
  return new Promise<ClientResult>((resolve) => {
    const onAbort = () => {
      if (!pending.has(id)) return;
      pending.delete(id);
      p.post({ id, type: "cancel" });
      resolve(cancelled());
    };
    pending.set(id, {
      options,
      resolve: (r) => {
        options.signal?.removeEventListener("abort", onAbort);
        resolve({ ...r, photo: id });
      },
    });
    options.signal?.addEventListener("abort", onAbort, { once: true });
    p.post(build(id));
  });
}

/** Open a photo in the worker and read it; the worker keeps it open for `assistPhoto`. */
export function openPhoto(file: Blob, options: OpenPhotoOptions = {}): Promise<ClientResult> {
  return request((id) => ({ id, type: "open", file, options: workerOptions(options) }), options);
}

/**
 * Read a box of the open photo, turned (`photo`: the `photo` of its `openPhoto` result). The
 * result's `photo` stays the same photo.
 */
export async function assistPhoto(photo: RequestId, assist: AssistRequest, options: DecodeRequestOptions = {}): Promise<ClientResult> {
  const r = await request((id) => ({ id, type: "assist", photo, assist, options: workerOptions(options) }), options);
  return { ...r, photo };
}

/**
 * Tells the console how a reading ended, for the decode metrics (`reset_decode_reports_total`):
 * the outcome, the engine and the time, never the image or the text. Fire-and-forget (`keepalive`
 * so a reading that ends as the agent leaves the page still counts); a failed report is ignored.
 */
export function reportDecodeOutcome(result: WorkerResult, ms: number): void {
  const outcome = result.ok ? "found" : result.reason === "cancelled" ? "cancelled" : result.reason === "unsupported-format" ? "unsupported" : "not-found";
  const body = JSON.stringify({ result: outcome, engine: result.ok ? result.engine : "none", ms: Math.max(0, Math.round(ms)) });
  try {
    void fetch("/api/v1/metrics/decode", { method: "POST", headers: { "content-type": "application/json" }, body, keepalive: true }).catch(() => undefined);
  } catch {
    // A browser without fetch keepalive: the metric is lost, the reading is not.
  }
}
