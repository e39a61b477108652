/**
 * Message protocol and handler of the decode worker, separated from `decode.worker.ts` so it can
 * be unit-tested in Node with `imageData` messages and a fake `post`.
 */
import { decodeQrAsync } from "./pipeline";
import type { Corners, DecodeResult, Point, RgbaImage } from "./types";

export type RequestId = number | string;

/** Options that can cross postMessage (functions can't: `accept` is given as a RegExp source). */
export interface WorkerDecodeOptions {
  timeBudgetMs?: number;
  accept?: { source: string; flags?: string };
}

export type WorkerRequest =
  | { id: RequestId; type?: "decode"; bitmap: ImageBitmap; options?: WorkerDecodeOptions }
  | { id: RequestId; type?: "decode"; imageData: RgbaImage; options?: WorkerDecodeOptions }
  | { id: RequestId; type: "cancel" };

export type WorkerResponse =
  { id: RequestId; type: "progress"; passIndex: number; passCount: number; pass: string } | { id: RequestId; type: "result"; result: DecodeResult };

export interface WorkerHandlerDeps {
  post: (msg: WorkerResponse) => void;
  /** ImageBitmap → pixels (OffscreenCanvas in the real worker). */
  bitmapToImage?: (bitmap: ImageBitmap) => { image: RgbaImage; scale: number };
  now?: () => number;
}

function scaleCorners(c: Corners, k: number): Corners {
  const s = (p: Point): Point => ({ x: p.x * k, y: p.y * k });
  return { topLeft: s(c.topLeft), topRight: s(c.topRight), bottomLeft: s(c.bottomLeft), bottomRight: s(c.bottomRight) };
}

export function createWorkerHandler(deps: WorkerHandlerDeps): (msg: WorkerRequest) => Promise<void> {
  const active = new Map<RequestId, { aborted: boolean }>();
  return async (msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "cancel") {
      const s = active.get(msg.id);
      if (s) s.aborted = true;
      return;
    }
    const signal = { aborted: false };
    active.set(msg.id, signal);
    const emptyTimings = { totalMs: 0, passes: [] };
    try {
      let image: RgbaImage;
      let scale = 1;
      if ("bitmap" in msg) {
        if (!deps.bitmapToImage) throw new Error("no bitmap support");
        try {
          ({ image, scale } = deps.bitmapToImage(msg.bitmap));
        } finally {
          msg.bitmap.close?.();
        }
      } else {
        image = msg.imageData;
      }
      let accept: ((t: string) => boolean) | undefined;
      if (msg.options?.accept) {
        const re = new RegExp(msg.options.accept.source, msg.options.accept.flags);
        accept = (t) => {
          re.lastIndex = 0;
          return re.test(t);
        };
      }
      const result = await decodeQrAsync(image, {
        timeBudgetMs: msg.options?.timeBudgetMs,
        signal,
        accept,
        now: deps.now,
        onProgress: (passIndex, passCount, pass) => deps.post({ id: msg.id, type: "progress", passIndex, passCount, pass }),
      });
      if (result.ok && scale !== 1) result.corners = scaleCorners(result.corners, 1 / scale);
      deps.post({ id: msg.id, type: "result", result });
    } catch {
      deps.post({ id: msg.id, type: "result", result: { ok: false, reason: "invalid-image", timings: emptyTimings } });
    } finally {
      active.delete(msg.id);
    }
  };
}
