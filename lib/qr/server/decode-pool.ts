/**
 * Server-side QR decode on a `worker_threads` pool, so that one large photo never blocks the
 * event loop: the bytes are transferred to a worker, which loads them (sharp / libheif-js) and
 * runs the pipeline with both engines (`decode-job.ts`).
 *
 *   const r = await decodeImageBuffer(buffer, "image/heic", { signal, timeBudgetMs: 6000 });
 *   if (r.ok) use(r.text, r.candidates); else explain(r.reason, r.message);
 *
 * - size: workers, default from the CPU count (available parallelism − 1, at least 1, at most 4);
 *   started on demand, kept while idle without holding the process open.
 * - bounded queue: beyond `maxQueue` waiting jobs `decode` rejects with `DecodePoolError("busy")`.
 * - timeouts: a job that has not answered `jobTimeoutMs` after it started (default budget + 15 s,
 *   for loading a huge photo) ends as `timeout`, its worker is terminated and replaced.
 * - cancel: `signal` removes a queued job, or asks the running worker to stop between engine calls
 *   (terminated if it has not answered 2 s later); the result is `cancelled`.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Worker } from "node:worker_threads";
import { EXTENDED_TIME_BUDGET_MS } from "../pipeline";
import type { DecodeTimings } from "../types";
import type { ServerDecodeOptions, ServerDecodeResult } from "./decode-job";
import type { PoolRequest, PoolResponse } from "./decode-worker";

export type { ServerDecodeOptions, ServerDecodeResult } from "./decode-job";

export interface DecodePoolOptions {
  size?: number;
  maxQueue?: number;
  /** Per job, from when a worker takes it; default the job's budget + 15 s. */
  jobTimeoutMs?: number;
  /** After a cancel, how long a worker may take to answer before it is terminated (default 2000). */
  cancelGraceMs?: number;
  /** The worker entry (default `decode-worker.mjs` beside this file). */
  workerUrl?: URL;
}

export interface PoolDecodeOptions extends ServerDecodeOptions {
  signal?: AbortSignal;
  /** This job's timeout (overrides the pool's `jobTimeoutMs`). */
  timeoutMs?: number;
}

export type PoolFailureReason = "timeout" | "cancelled";

export type PoolDecodeResult = ServerDecodeResult | { ok: false; reason: PoolFailureReason; message: string; timings: DecodeTimings; loadMs: number };

export class DecodePoolError extends Error {
  constructor(
    readonly code: "busy" | "closed",
    message: string,
  ) {
    super(message);
    this.name = "DecodePoolError";
  }
}

export interface DecodePool {
  decode(bytes: Uint8Array | ArrayBuffer, mime?: string, opts?: PoolDecodeOptions): Promise<PoolDecodeResult>;
  /** Workers started, jobs running and waiting. */
  stats(): { workers: number; running: number; queued: number };
  /** Ends every worker; waiting and running jobs end as `cancelled`. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  mime?: string;
  options: ServerDecodeOptions;
  signal?: AbortSignal;
  timeoutMs?: number;
  resolve: (r: PoolDecodeResult) => void;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  graceTimer?: NodeJS.Timeout;
}

/**
 * The worker entry beside this file, for tsx and tests. Not written as `new URL("…", import.meta.url)`:
 * a bundler (Next's, for the inbound-email pipeline in instrumentation) would take that for an asset
 * and trace the worker's dynamic imports through the whole project. The server passes `workerUrl`.
 */
function defaultWorkerUrl(): URL {
  return pathToFileURL(path.join(/* turbopackIgnore: true */ path.dirname(fileURLToPath(import.meta.url)), "decode-worker.mjs"));
}

/**
 * worker_threads' Worker, taken at run time: a bundler that sees `new Worker(url)` treats the URL
 * as a worker entry to bundle and, for a computed URL, traces every file of the project.
 */
function workerClass(): typeof Worker {
  return (process.getBuiltinModule("node:worker_threads") as typeof import("node:worker_threads")).Worker;
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

const failure = (reason: PoolFailureReason | "worker-failed", message: string): PoolDecodeResult =>
  ({ ok: false, reason, message, timings: { totalMs: 0, passes: [] }, loadMs: 0 }) as PoolDecodeResult;

export function createDecodePool(opts: DecodePoolOptions = {}): DecodePool {
  const size = Math.max(1, opts.size ?? defaultPoolSize());
  const maxQueue = opts.maxQueue ?? 64;
  const cancelGraceMs = opts.cancelGraceMs ?? 2000;
  const workerUrl = opts.workerUrl ?? defaultWorkerUrl();
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const finish = (slot: Slot | undefined, job: Job, result: PoolDecodeResult) => {
    if (slot) {
      clearTimeout(slot.timer);
      clearTimeout(slot.graceTimer);
      slot.job = undefined;
      slot.worker.unref();
    }
    if (job.onAbort) job.signal?.removeEventListener("abort", job.onAbort);
    job.resolve(result);
    pump();
  };

  const replace = (slot: Slot) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    clearTimeout(slot.timer);
    clearTimeout(slot.graceTimer);
    slot.worker.removeAllListeners();
    slot.worker.on("error", () => undefined);
    void slot.worker.terminate();
  };

  const spawn = (): Slot => {
    // A fresh execArgv: the entry registers what it needs itself (tsx's hooks of a parent process are not needed).
    const WorkerThread = workerClass();
    const worker = new WorkerThread(workerUrl, { execArgv: [] });
    const slot: Slot = { worker };
    worker.on("message", (msg: PoolResponse | { type: "ready" }) => {
      if (msg.type !== "result" || !slot.job || slot.job.id !== msg.id) return;
      finish(slot, slot.job, msg.result);
    });
    const crashed = (why: string) => {
      const job = slot.job;
      replace(slot);
      if (job) finish(undefined, job, failure("worker-failed", why));
      else pump();
    };
    worker.on("error", (e) => crashed(`decode worker failed: ${e.message}`));
    worker.on("exit", (code) => {
      if (slots.includes(slot)) crashed(`decode worker exited (${code})`);
    });
    worker.unref();
    slots.push(slot);
    return slot;
  };

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.worker.ref();
    const timeoutMs = job.timeoutMs ?? opts.jobTimeoutMs ?? (job.options.timeBudgetMs ?? EXTENDED_TIME_BUDGET_MS) + 15_000;
    slot.timer = setTimeout(() => {
      replace(slot);
      finish(undefined, job, failure("timeout", `The photo was not decoded within ${(timeoutMs / 1000).toFixed(1)} s.`));
    }, timeoutMs);
    // The bytes are transferred: the caller's buffer is copied once, never shared.
    const bytes = job.bytes;
    slot.worker.postMessage({ type: "decode", id: job.id, bytes, mime: job.mime, options: job.options } satisfies PoolRequest, [bytes.buffer as ArrayBuffer]);
  };

  function pump(): void {
    while (queue.length > 0 && !closed) {
      let slot = slots.find((s) => !s.job);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      start(slot, queue.shift()!);
    }
  }

  const cancel = (job: Job) => {
    const qi = queue.indexOf(job);
    if (qi >= 0) {
      queue.splice(qi, 1);
      finish(undefined, job, failure("cancelled", "Cancelled."));
      return;
    }
    const slot = slots.find((s) => s.job === job);
    if (!slot) return;
    slot.worker.postMessage({ type: "cancel", id: job.id } satisfies PoolRequest);
    slot.graceTimer = setTimeout(() => {
      replace(slot);
      finish(undefined, job, failure("cancelled", "Cancelled."));
    }, cancelGraceMs);
  };

  return {
    decode(input, mime, options = {}) {
      if (closed) return Promise.reject(new DecodePoolError("closed", "the decode pool is closed"));
      if (queue.length >= maxQueue) return Promise.reject(new DecodePoolError("busy", `the decode queue is full (${maxQueue} photos waiting)`));
      const { signal, timeoutMs, ...rest } = options;
      if (signal?.aborted) return Promise.resolve(failure("cancelled", "Cancelled."));
      const src = input instanceof Uint8Array ? input : new Uint8Array(input);
      const bytes = new Uint8Array(src.byteLength);
      bytes.set(src);
      return new Promise<PoolDecodeResult>((resolve) => {
        const job: Job = { id: nextId++, bytes, mime, options: rest, signal, timeoutMs, resolve };
        if (signal) {
          job.onAbort = () => cancel(job);
          signal.addEventListener("abort", job.onAbort, { once: true });
        }
        queue.push(job);
        pump();
      });
    },
    stats: () => ({ workers: slots.length, running: slots.filter((s) => s.job).length, queued: queue.length }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) finish(undefined, job, failure("cancelled", "The decode pool was closed."));
      const all = slots.splice(0);
      for (const s of all) {
        clearTimeout(s.timer);
        clearTimeout(s.graceTimer);
        const job = s.job;
        s.job = undefined;
        if (job) job.resolve(failure("cancelled", "The decode pool was closed."));
        s.worker.removeAllListeners();
        s.worker.on("error", () => undefined);
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

let defaultPool: DecodePool | undefined;

/** Decode a photo's bytes (any format `load-image.ts` reads) on the shared default pool. */
export function decodeImageBuffer(bytes: Uint8Array | ArrayBuffer, mime?: string, opts?: PoolDecodeOptions): Promise<PoolDecodeResult> {
  defaultPool ??= createDecodePool();
  return defaultPool.decode(bytes, mime, opts);
}
