/**
 * A decode pool worker (`worker_threads`): `{type:"decode", id, bytes, mime, options}` →
 * `{type:"result", id, result}`; `{type:"cancel", id}` stops that decode between engine calls.
 * Started through `decode-worker.mjs`, which makes TypeScript loadable first.
 */
import { parentPort } from "node:worker_threads";
import { runDecodeJob, type ServerDecodeOptions, type ServerDecodeResult } from "./decode-job";

export type PoolRequest = { type: "decode"; id: number; bytes: Uint8Array; mime?: string; options: ServerDecodeOptions } | { type: "cancel"; id: number };

export type PoolResponse = { type: "result"; id: number; result: ServerDecodeResult };

const port = parentPort;
if (!port) throw new Error("decode-worker.ts runs in a worker thread");
const signals = new Map<number, { aborted: boolean }>();

port.on("message", (msg: PoolRequest) => {
  if (msg.type === "cancel") {
    const s = signals.get(msg.id);
    if (s) s.aborted = true;
    return;
  }
  const signal = { aborted: false };
  signals.set(msg.id, signal);
  runDecodeJob(msg.bytes, msg.mime, msg.options, signal)
    .catch((e: unknown): ServerDecodeResult => ({
      ok: false,
      reason: "worker-failed",
      message: e instanceof Error ? e.message : String(e),
      timings: { totalMs: 0, passes: [] },
      loadMs: 0,
    }))
    .then((result) => {
      signals.delete(msg.id);
      port.postMessage({ type: "result", id: msg.id, result } satisfies PoolResponse);
    });
});
port.postMessage({ type: "ready" });
